<@config materialized="table" tags=["rudder", "identity"] />
-- RudderStack's users table: one row per user id with the latest non-null value of each trait and of each
-- context field of their identify calls. "Latest" orders the calls by received_at, then timestamp, then
-- message_id, so calls received at the same time give the same answer on every run and warehouse.
<#assign events = source("rudder", "events")>
<#assign where = "type = 'identify' and user_id is not null">
<#assign traits = json_fields(events, "traits", where)?filter(field -> !["id", "received_at", "uuid_ts"]?seq_contains(field.name))>
<#assign trait_names = traits?map(field -> field.name)>
select
    user_id as id,
    max(received_at) as received_at,
    current_timestamp as uuid_ts<#list traits as field>,
    arg_max(${field.sql}, call_order) filter (where ${field.sql} is not null) as ${field.name}</#list><#list json_fields(events, "context", where, "context_") as field><#if !trait_names?seq_contains("context_" + field.name)>,
    arg_max(${field.sql}, call_order) filter (where ${field.sql} is not null) as context_${field.name}</#if></#list>
from (
    select user_id, received_at, traits, context,
        row_number() over (partition by user_id order by received_at, "timestamp", message_id) as call_order
    from ${events}
    where ${where}
) identifies
group by user_id
