<@config materialized="table" tags=["rudder", "identity"] />
-- RudderStack's users table: one row per user id with the latest non-null value of each trait.
select
    user_id as id,
    max(received_at) as received_at<#list json_fields(source("rudder", "events"), "traits", "type = 'identify' and user_id is not null") as field><#if !["id", "received_at"]?seq_contains(field.name)>,
    arg_max(${field.sql}, received_at) filter (where ${field.sql} is not null) as ${field.name}</#if></#list>
from ${source("rudder", "events")}
where type = 'identify' and user_id is not null
group by user_id
