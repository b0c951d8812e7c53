<#-- The generic webhook payload: the sync, the operation, the key and every column of the model.
     Variables: sync, operation (insert, update, upsert), key, row (values; NULLs are missing),
     json (each column as a JSON literal, NULL as null). -->
{"sync": "${sync}", "operation": "${operation}", "key": ${key?c}, "row": {<#list json as column, value>"${column}": ${value}<#sep>, </#list>}}
