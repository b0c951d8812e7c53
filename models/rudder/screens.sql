<@config materialized="incremental" unique_key="id" tags=["rudder", "events"] />
-- RudderStack's screens table: screen calls of mobile apps with their properties as columns.
select
    message_id as id,
    anonymous_id,
    user_id,
    json_extract_string(payload, '$.name') as name,
    "timestamp",
    sent_at,
    original_timestamp,
    received_at,
    json_extract_string(payload, '$.channel') as channel,
    json_extract_string(payload, '$.request_ip') as context_request_ip,
    current_timestamp as uuid_ts<@flatten relation=source("rudder", "events") column="properties" where="type = 'screen'" exclude=["id", "anonymous_id", "user_id", "name", "timestamp", "sent_at", "original_timestamp", "received_at", "channel", "context_request_ip", "uuid_ts"]/><@flatten relation=source("rudder", "events") column="context" prefix="context_" where="type = 'screen'" exclude=["context_request_ip"] + field_names(source("rudder", "events"), "properties", "type = 'screen'")/>
from ${source("rudder", "events")}
where type = 'screen'
<#if is_incremental()>  and received_at > (select coalesce(max(received_at), timestamp '1970-01-01') from ${this}) - interval '1 day'</#if>
qualify row_number() over (partition by message_id order by received_at) = 1
