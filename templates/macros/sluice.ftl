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
  Values that do not fit the field's type read as NULL (see the discards models).
    select message_id<@flatten relation=source("rudder", "events") column="properties" prefix="" where="type = 'track'"/>
    from ${source("rudder", "events")}
-->
<#macro flatten relation column prefix="" where="" exclude=[]><#list json_fields(relation, column, where) as field><#if !exclude?seq_contains(prefix + field.name)>, ${field.sql} as ${prefix}${field.name}</#if></#list></#macro>
