<#-- Customer.io person attributes: every column of the model but user_id (the person's id, sent as the
     identifier). Use with destination type customerio and primary_key user_id. -->
{<#list json?keys?filter(column -> column != "user_id") as column>"${column}": ${json[column]}<#sep>, </#list>}
