<@config materialized="incremental" unique_key=["table_name", "row_id", "column_name"] tags=["rudder", "events"] />
-- RudderStack's rudder_discards: each flattened value that does not fit its column's type (its column reads NULL).
<#assign events = source("rudder", "events")>
<#assign fixed = ["id", "anonymous_id", "user_id", "name", "category", "event", "event_text", "group_id", "timestamp", "sent_at", "original_timestamp", "received_at", "channel", "context_request_ip", "uuid_ts"]>
select table_name, row_id, column_name, column_value, received_at, current_timestamp as uuid_ts, reason
from (
    select cast(null as varchar) as table_name, cast(null as varchar) as row_id, cast(null as varchar) as column_name,
        cast(null as varchar) as column_value, received_at, cast(null as varchar) as reason
    from ${events} where false
    <@discards table="tracks" relation=events column="context" prefix="context_" where="type = 'track'" exclude=["context_request_ip"]/>
    <@discards table="pages" relation=events column="properties" where="type = 'page'" exclude=fixed/><@discards table="pages" relation=events column="context" prefix="context_" where="type = 'page'" exclude=["context_request_ip"] + field_names(events, "properties", "type = 'page'")/>
    <@discards table="screens" relation=events column="properties" where="type = 'screen'" exclude=fixed/><@discards table="screens" relation=events column="context" prefix="context_" where="type = 'screen'" exclude=["context_request_ip"] + field_names(events, "properties", "type = 'screen'")/>
    <@discards table="identifies" relation=events column="traits" where="type = 'identify'" exclude=fixed/><@discards table="identifies" relation=events column="context" prefix="context_" where="type = 'identify'" exclude=["context_traits", "context_request_ip"] + field_names(events, "traits", "type = 'identify'")/>
    <@discards table="groups" relation=events column="traits" where="type = 'group'" exclude=fixed/><@discards table="groups" relation=events column="context" prefix="context_" where="type = 'group'" exclude=["context_request_ip"] + field_names(events, "traits", "type = 'group'")/>
    <@discards table="aliases" relation=events column="context" prefix="context_" where="type = 'alias'" exclude=["context_request_ip"]/>
    <#list family_members("event_tables") as table><@discards table=table.name relation=events column="properties" where="type = 'track' and event in (${table.sql_values})" exclude=fixed/><@discards table=table.name relation=events column="context" prefix="context_" where="type = 'track' and event in (${table.sql_values})" exclude=["context_request_ip"] + field_names(events, "properties", "type = 'track' and event in (${table.sql_values})")/></#list>
) discarded
<#if is_incremental()>where received_at > (select coalesce(max(received_at), timestamp '1970-01-01') from ${this}) - interval '1 day'</#if>
qualify row_number() over (partition by table_name, row_id, column_name order by received_at) = 1
