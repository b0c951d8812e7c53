<#ftl strip_whitespace=true>
<#--
  Identity macros: how the identity package and its users normalise ids, so that every model that
  joins on an id spells it the same way.

  normalized_id(expression, id_type): the id trimmed, e-mail-like types lower-cased, and NULL for a
  junk id (empty, unknown, null, undefined, none, n/a, or one of var("identity_junk_ids")).
    select ${normalized_id("anonymous_id", "anonymous_id")} as anonymous_id from ...
  Types in var("identity_case_insensitive_types", ["email"]) are lower-cased.
-->
<#function normalized_id expression id_type>
  <#local folded = var("identity_case_insensitive_types", ["email"])?seq_contains(id_type)>
  <#local value = folded?then("lower(trim(" + expression + "))", "trim(" + expression + ")")>
  <#-- The length test first: most ids are longer than any junk id, and then the junk ids are not looked at (lower()
       never makes a text shorter, so an id that lower-cases to a junk id is no longer than it). -->
  <#return "case when length(trim(" + expression + ")) <= " + junk_id_length()?c + " and " + is_junk_id(expression)
      + " then null else " + value + " end">
</#function>

<#--
  normalized_id_of_type(expression, type_expression): the same, for an id whose type is a column
  (merge calls carry any type).
-->
<#function normalized_id_of_type expression type_expression>
  <#local folded = []>
  <#list var("identity_case_insensitive_types", ["email"]) as type><#local folded = folded + ["'" + type + "'"]></#list>
  <#return "case when length(trim(" + expression + ")) <= " + junk_id_length()?c + " and " + is_junk_id(expression)
      + " then null when " + type_expression
      + " in (" + folded?join(", ") + ") then lower(trim(" + expression + ")) else trim(" + expression + ") end">
</#function>

<#-- The length of the longest junk id, lower-cased (in UTF-16 units: never fewer than its characters). -->
<#function junk_id_length>
  <#local longest = 0>
  <#list junk_ids() as id><#if id?lower_case?length gt longest><#local longest = id?lower_case?length></#if></#list>
  <#return longest>
</#function>

<#function junk_ids>
  <#return ["", "unknown", "null", "undefined", "none", "nil", "n/a"] + var("identity_junk_ids", [])>
</#function>

<#--
  is_junk_id(expression): whether the id, trimmed and lower-cased, is a junk id, as one equality test per junk id
  joined by OR. The same truth value as an IN list of them (NULL for a NULL id), in a form DuckDB evaluates inline:
  it plans an IN list of this length as a join against the list for every row, several times the cost.
-->
<#function is_junk_id expression>
  <#local tests = []>
  <#list junk_ids() as id><#local tests = tests + ["lower(trim(" + expression + ")) = '" + id?lower_case?replace("'", "''") + "'"]></#list>
  <#return "(" + tests?join(" or ") + ")">
</#function>

<#--
  trait_id(name): a trait id (email, phone, ...) as an identify call's traits or any call's
  context.traits carry it.
-->
<#function trait_id name>
  <#return "coalesce(json_extract_string(traits, '$.\"" + name + "\"'), json_extract_string(context, '$.traits.\"" + name + "\"'))">
</#function>

<#--
  identity_new_events(watermark_column): the condition an incremental identity model puts on the
  raw events: received after its watermark (the largest watermark_column of its own table, the
  latest received_at it has scanned), less var("identity_lookback_minutes", 60) minutes for events
  the collector loads a little after it received them. Rescanning an event is harmless: the models
  keep what they already have. When no event was received after the watermark, the condition holds
  for no event (the window is read again only once a newer event arrives, so a run with no new
  events reads nothing but the column's extremes; an event loaded late is read by the next run that has a
  newer one). A table without a watermark (empty: the events so far gave it no row) reads every event.
  "true" on a full build (and `this` is not read then).
-->
<#function identity_new_events watermark_column>
  <#if !is_incremental()><#return "true"></#if>
  <#return "received_at > (select case when seen.watermark is null then latest.first_received_at - interval '1' second"
      + " when latest.received_at > seen.watermark then seen.watermark - interval '"
      + var("identity_lookback_minutes", 60)?c + "' minute else latest.received_at end from (select max(received_at)"
      + " as received_at, min(received_at) as first_received_at from " + source("rudder", "events") + ") as latest,"
      + " (select max(" + watermark_column + ") as watermark from " + this + ") as seen)">
</#function>

<#--
  trait_id_fast(name): trait_id(name), but context is only parsed when its text mentions the trait's name
  (an SDK sends context.traits with every call, most of them without the trait; parsing it is the cost).
-->
<#function trait_id_fast name>
  <#return "coalesce(json_extract_string(traits, '$.\"" + name + "\"'), case when " + json_mentions("context", name) + " then json_extract_string(context, '$.traits.\"" + name + "\"') end)">
</#function>

<#--
  json_mentions(document, name): whether the text of a JSON column may hold a key or a string named name,
  at any depth: a cheap test before parsing the document, true whenever it does (and for some texts that
  do not), so only ever a guard. One body per warehouse: a LIKE on DuckDB's JSON text for the name and its
  closing quote, without the opening one (DuckDB's LIKE looks for the pattern's first character, and a quote
  is the most frequent one in JSON: on 10M contexts of 800 bytes that test took 4.7 s against 2.0 s); on
  PostgreSQL and Snowflake for "name" in quotes, on the text they write for the document, which quotes every
  key and string as DuckDB's does (only a name written with \u escapes in the sent JSON could be missed).
    ${json_mentions("context", "traits")}
-->
<#function json_mentions document name>
  <#local pattern = "'%\"" + name + "\"%'">
  <#return dispatch({
    "duckdb": "(" + document + " like '%" + name + "\"%')",
    "postgres": "(cast(" + document + " as text) like " + pattern + ")",
    "snowflake": "(to_json(" + document + ") like " + pattern + ")"
  })>
</#function>

<#--
  json_text(document, keys): the JSON at a path of simple keys in a JSON column, as JSON text (NULL where
  the path is missing), to read several fields out of one part of a wide document: DuckDB keeps JSON as
  text and parses the whole document for every path it reads, so the part is cut out once and its fields
  read from it. No translation of DuckDB's JSON text is proven (each warehouse writes a document with its
  own spacing and key order), so this is one body per warehouse: each is valid JSON of the same document,
  which each warehouse's JSON functions read as they read the document's own part.
    ${json_text("context", ["campaign"])}
-->
<#function json_text document keys>
  <#local quoted = []>
  <#list keys as key><#local quoted = quoted + ["'" + key + "'"]></#list>
  <#return dispatch({
    "duckdb": "cast(json_extract(" + document + ", '$." + keys?join(".") + "') as varchar)",
    "postgres": "cast(jsonb_extract_path(cast(" + document + " as jsonb), " + quoted?join(", ") + ") as text)",
    "snowflake": "to_json(get_path(parse_json(" + document + "), '" + keys?join(".") + "'))"
  })>
</#function>

<#--
  json_text_lower(document, keys): json_text lower-cased, for LIKE '%"id"%' on a list of ids: in each
  warehouse's text of the document a quoted id appears exactly when it is in the list.
    ${json_text_lower("context", ["consentManagement", "allowedConsentIds"])}
-->
<#function json_text_lower document keys>
  <#return "lower(" + json_text(document, keys) + ")">
</#function>

<#--
  identity_input_version(inputs): an input_version query for an identity model (see docs/models.md): the latest
  value of each input's watermark column and its row count, for inputs given as [relation, column] pairs. The
  identity tables only grow, each batch with a later watermark, and the events are appended with their
  received_at, so the row changes whenever an input gained rows.
    <@config materialized="incremental" input_version=identity_input_version([[source("rudder", "events"), "received_at"]]) />
-->
<#function identity_input_version inputs>
  <#local parts = []>
  <#list inputs as input>
    <#local parts = parts + ["(select max(" + input[1] + ") from " + input[0] + ")", "(select count(*) from " + input[0] + ")"]>
  </#list>
  <#return "select " + parts?join(", ")>
</#function>
