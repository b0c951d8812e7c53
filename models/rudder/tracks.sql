<@config materialized="incremental" unique_key="id" tags=["rudder", "events"] />
-- RudderStack's tracks table: one row per track call, context flattened to context_* columns.
select
    message_id as id,
    anonymous_id,
    user_id,
    event,
    event as event_text,
    "timestamp",
    sent_at,
    original_timestamp,
    received_at,
    json_extract_string(payload, '$.channel') as channel,
    json_extract_string(payload, '$.request_ip') as context_request_ip,
    current_timestamp as uuid_ts<@flatten relation=source("rudder", "events") column="context" prefix="context_" where="type = 'track'" exclude=["context_request_ip"]/>
from ${source("rudder", "events")}
where type = 'track'
<#if is_incremental()>  and received_at > (select coalesce(max(received_at), timestamp '1970-01-01') from ${this}) - interval '1 day'</#if>
qualify row_number() over (partition by message_id order by received_at) = 1
