<#ftl strip_whitespace=true>
<#--
  Sluice's own macros, visible in every model.

  star: the columns of a relation as a comma-separated list, optionally without some of them and
  qualified by a table alias. Compiles to the real column list once the relation's columns are known.
    select <@star relation=ref("orders") except=["_loaded_at"] alias="o"/> from ${ref("orders")} o
-->
<#macro star relation except=[] alias="">${sluice_columns(relation, except, alias)}</#macro>

<#--
  flatten: one column per leaf field of a JSON column, found in the data at compile time, so a new
  property becomes a new column on the next run. Each starts with ", " so it follows fixed columns.
  A column's type comes from the values seen (numbers widen to DOUBLE, mixed kinds to VARCHAR), but
  once the model's incremental table exists its columns keep the type they have. Values that do not
  fit the type read as NULL; the discards macro finds them.
    select message_id<@flatten relation=source("rudder", "events") column="properties" prefix="" where="type = 'track'"/>
    from ${source("rudder", "events")}
-->
<#macro flatten relation column prefix="" where="" exclude=[]><#list json_fields(relation, column, where, prefix) as field><#if !exclude?seq_contains(prefix + field.name)>, ${field.sql} as ${prefix}${field.name}</#if></#list></#macro>

<#--
  field_names: the column names flatten gives a JSON column (prefix included), for excluding them
  from a second flatten of the same model so two JSON columns never give one column name twice:
    <@flatten ... column="context" prefix="context_" exclude=field_names(events, "properties", where)/>
-->
<#function field_names relation column where="" prefix=""><#return json_fields(relation, column, where, prefix)?map(field -> prefix + field.name)></#function>

<#--
  discards: for the model `table` that flattens `column` of `relation` (same prefix, where and exclude
  as its flatten call), a "union all select" giving the rows whose JSON value is present but does
  not fit the column's type in the table (so the table holds NULL there): table_name, row_id (the id
  column), column_name, column_value (the value as text), received_at, reason. Types come from
  ref(table) as compiled in this run, so they are the table's. One scan of `relation` per table,
  whatever the number of typed columns. Follows a select with the same columns. Used by the rudder
  package's discards model.
-->
<#macro discards table relation column prefix="" where="" exclude=[] id="message_id" received_at="received_at"><#local typed = json_fields(relation, column, where, prefix, ref(table))?filter(field -> !exclude?seq_contains(prefix + field.name) && !["VARCHAR", "JSON", "NULL"]?seq_contains(field.type))><#if typed?has_content> union all select '${table}' as table_name, ${id} as row_id, discard.discard_column as column_name, case discard.discard_index<#list typed as field> when ${field?index} then ${field.text}</#list> end as column_value, ${received_at} as received_at, discard.discard_reason as reason from ${relation} cross join (values <#list typed as field>(${field?index}, '${prefix}${field.name}', 'value does not fit the column type ${field.type}')<#sep>, </#sep></#list>) as discard(discard_index, discard_column, discard_reason) where <#if where?has_content>(${where}) and </#if>case discard.discard_index<#list typed as field> when ${field?index} then ${field.text} is not null and ${field.sql} is null</#list> else false end</#if></#macro>
