<@config materialized="incremental" unique_key="id" tags=["rudder", "identity"] />
-- RudderStack's groups table: group calls (a user joining an account or company) with the group's traits.
select
    message_id as id,
    json_extract_string(payload, '$.groupId') as group_id,
    anonymous_id,
    user_id,
    "timestamp",
    received_at<@flatten relation=source("rudder", "events") column="traits" where="type = 'group'" exclude=["id", "group_id", "anonymous_id", "user_id", "timestamp", "received_at"]/>
from ${source("rudder", "events")}
where type = 'group'
<#if is_incremental()>  and received_at > (select coalesce(max(received_at), timestamp '1970-01-01') from ${this}) - interval '1 day'</#if>
qualify row_number() over (partition by message_id order by received_at) = 1
