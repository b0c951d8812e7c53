<@family values=distinct_values(source("rudder", "events"), "event", "type = 'track'") limit=var("rudder_event_tables_limit", 200)/>
<@config materialized="incremental" unique_key="id" tags=["rudder", "events"] />
-- RudderStack's per-event tables: one model per track event name ("Order Completed" -> order_completed),
-- its properties flattened to columns beside the tracks columns and context_*. See docs/models.md.
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
    current_timestamp as uuid_ts<@flatten relation=source("rudder", "events") column="properties" where="type = 'track' and event in (${member.sql_values})" exclude=["id", "anonymous_id", "user_id", "event", "event_text", "timestamp", "sent_at", "original_timestamp", "received_at", "channel", "context_request_ip", "uuid_ts"]/><@flatten relation=source("rudder", "events") column="context" prefix="context_" where="type = 'track' and event in (${member.sql_values})" exclude=["context_request_ip"] + field_names(source("rudder", "events"), "properties", "type = 'track' and event in (${member.sql_values})")/>
from ${source("rudder", "events")}
where type = 'track' and event in (${member.sql_values})
<#if is_incremental()>  and received_at > (select coalesce(max(received_at), timestamp '1970-01-01') from ${this}) - interval '1 day'</#if>
qualify row_number() over (partition by message_id order by received_at) = 1
