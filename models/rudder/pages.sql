<@config materialized="incremental" unique_key="id" tags=["rudder", "events"] />
-- RudderStack's pages table: page calls with their properties (path, url, title, referrer, ...) as columns.
select
    message_id as id,
    anonymous_id,
    user_id,
    json_extract_string(payload, '$.name') as name,
    coalesce(json_extract_string(payload, '$.category'), json_extract_string(properties, '$.category')) as category,
    "timestamp",
    sent_at,
    original_timestamp,
    received_at,
    json_extract_string(payload, '$.channel') as channel,
    json_extract_string(payload, '$.request_ip') as context_request_ip,
    current_timestamp as uuid_ts<@flatten relation=source("rudder", "events") column="properties" where="type = 'page'" exclude=["id", "anonymous_id", "user_id", "name", "category", "timestamp", "sent_at", "original_timestamp", "received_at", "channel", "context_request_ip", "uuid_ts"]/><@flatten relation=source("rudder", "events") column="context" prefix="context_" where="type = 'page'" exclude=["context_request_ip"] + field_names(source("rudder", "events"), "properties", "type = 'page'")/>
from ${source("rudder", "events")}
where type = 'page'
<#if is_incremental()>  and received_at > (select coalesce(max(received_at), timestamp '1970-01-01') from ${this}) - interval '1 day'</#if>
qualify row_number() over (partition by message_id order by received_at) = 1
