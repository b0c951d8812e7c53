<#ftl strip_whitespace=true>
<#--
  Sluice's own macros, visible in every model.

  star: the columns of a relation as a comma-separated list, optionally without some of them and
  qualified by a table alias. Compiles to the real column list once the relation's columns are known.
    select <@star relation=ref("orders") except=["_loaded_at"] alias="o"/> from ${ref("orders")} o
-->
<#macro star relation except=[] alias="">${sluice_columns(relation, except, alias)}</#macro>
