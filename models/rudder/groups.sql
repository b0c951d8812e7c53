<@config materialized="incremental" unique_key="id" tags=["rudder", "identity"] />
-- RudderStack's groups table: group calls (a user joining an account or company) with the group's traits,
-- context flattened (context_traits_* are the user's traits the SDK repeats, not the group's).
select
    message_id as id,
    json_extract_string(payload, '$.groupId') as group_id,
    anonymous_id,
    user_id,
    "timestamp",
    sent_at,
    original_timestamp,
    received_at,
    json_extract_string(payload, '$.channel') as channel,
    json_extract_string(payload, '$.request_ip') as context_request_ip,
    current_timestamp as uuid_ts<@flatten relation=source("rudder", "events") column="traits" where="type = 'group'" exclude=["id", "group_id", "anonymous_id", "user_id", "timestamp", "sent_at", "original_timestamp", "received_at", "channel", "context_request_ip", "uuid_ts"]/><@flatten relation=source("rudder", "events") column="context" prefix="context_" where="type = 'group'" exclude=["context_request_ip"] + field_names(source("rudder", "events"), "traits", "type = 'group'")/>
from ${source("rudder", "events")}
where type = 'group'
<#if is_incremental()>  and received_at > (select coalesce(max(received_at), timestamp '1970-01-01') from ${this}) - interval '1 day'</#if>
qualify row_number() over (partition by message_id order by received_at) = 1
