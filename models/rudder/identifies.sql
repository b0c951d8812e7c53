<@config materialized="incremental" unique_key="id" tags=["rudder", "identity"] />
-- RudderStack's identifies table: identify calls, each trait a column (email, name, ...), context flattened.
select
    message_id as id,
    anonymous_id,
    user_id,
    "timestamp",
    sent_at,
    original_timestamp,
    received_at,
    json_extract_string(payload, '$.channel') as channel,
    json_extract_string(payload, '$.request_ip') as context_request_ip,
    current_timestamp as uuid_ts<@flatten relation=source("rudder", "events") column="traits" where="type = 'identify'" exclude=["id", "anonymous_id", "user_id", "timestamp", "sent_at", "original_timestamp", "received_at", "channel", "context_request_ip", "uuid_ts"]/><@flatten relation=source("rudder", "events") column="context" prefix="context_" where="type = 'identify'" exclude=["context_traits", "context_request_ip"] + field_names(source("rudder", "events"), "traits", "type = 'identify'")/>
from ${source("rudder", "events")}
where type = 'identify'
<#if is_incremental()>  and received_at > (select coalesce(max(received_at), timestamp '1970-01-01') from ${this}) - interval '1 day'</#if>
qualify row_number() over (partition by message_id order by received_at) = 1
