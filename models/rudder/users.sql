<@config materialized="table" tags=["rudder", "identity"] />
-- RudderStack's users table: one row per user id with the latest non-null value of each trait and of each
-- context field of their identify calls.
<#assign events = source("rudder", "events")>
<#assign where = "type = 'identify' and user_id is not null">
<#assign traits = json_fields(events, "traits", where)?filter(field -> !["id", "received_at", "uuid_ts"]?seq_contains(field.name))>
<#assign trait_names = traits?map(field -> field.name)>
select
    user_id as id,
    max(received_at) as received_at,
    current_timestamp as uuid_ts<#list traits as field>,
    arg_max(${field.sql}, received_at) filter (where ${field.sql} is not null) as ${field.name}</#list><#list json_fields(events, "context", where, "context_") as field><#if !trait_names?seq_contains("context_" + field.name)>,
    arg_max(${field.sql}, received_at) filter (where ${field.sql} is not null) as context_${field.name}</#if></#list>
from ${events}
where ${where}
group by user_id
