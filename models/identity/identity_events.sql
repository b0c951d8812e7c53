<@config materialized="incremental" unique_key="message_id" tags=["identity"] input_version=identity_input_version([[source("rudder", "events"), "received_at"], [ref("id_graph"), "labeled_at"]]) />
-- Every event once (deduplicated on the message id), with the person (sluice_id) it belongs to
-- and, read out of its JSON once and typed, what the customer models need: UTM parameters of
-- pages and tracks, the consent fields, the group id, the traits of identify and group calls, and
-- whether it is test traffic. The user id decides the person when the call has one, else the
-- anonymous id. customer_events is this table without internal and test traffic.
-- Incremental: a run appends the events received since the last one that the table does not have
-- yet (an event read again, in the lookback window or retried, keeps its row), and relabels only the
-- events of people who merged into another since the last run: those whose sluice_id is the
-- previous_sluice_id of an id that id_graph moved after this table's latest labeled_at, and the events
-- that have an id but no person yet (loaded while the graph models ran).
-- labeled_at is when the row was written or last relabeled (the run's time); profiles follows it.
-- The normalised ids (user_key, device_key) the person is looked up by are computed where they are needed, not
-- stored: every column of every event costs in the write, and the few rows a run relabels normalise them again.
<#assign user_key = normalized_id("user_id", "user_id")>
<#assign device_key = normalized_id("anonymous_id", "anonymous_id")>
<#-- The events as read: the payload (the whole event, the widest column) only of group calls, for their group id, and
  the other calls without it (a scan reads a column only for the rows its filter keeps). -->
<#assign read = "message_id, type, event, anonymous_id, user_id, \"timestamp\", received_at, context, properties, traits">
<#assign events = "(select " + read + ", cast(null as varchar) as group_id from " + source("rudder", "events")
    + " where type is distinct from 'group' union all select " + read + ", json_extract_string(payload, '$.groupId') from "
    + source("rudder", "events") + " where type = 'group') as events">
<#assign columns = "message_id, type, event, anonymous_id, user_id, \"timestamp\", received_at, utm_source, utm_medium, utm_campaign, utm_content, utm_term, consent_allowed_ids, consent_denied_ids, consent_preferences, group_id, traits, test_user">
<#-- The stored columns as typed reads them, a relabeled row's ids normalised again after its user_id. -->
<#assign rekeyed = columns?replace("user_id, ", "user_id, " + user_key + " as user_key, " + device_key + " as device_key, ", "f")>
<#if is_incremental()>
with new_events as (
    select * from ${events}
    where ${identity_new_events("received_at")}
        -- Only events the table does not have: looked up among the few ids read, not the whole table.
        and message_id not in (
            select message_id from ${this}
            where message_id in (
                select message_id from ${source("rudder", "events")} where ${identity_new_events("received_at")}))
),
<#else>
<#-- A number stands for the message id where the warehouse groups numbers much faster than text. -->
<#assign message_key = dispatch({"duckdb": "hash(message_id)", "postgres": "message_id", "snowflake": "message_id"})>
with repeated as (
    -- A full build reads every event: the message ids that may come more than once (retried events) are
    -- found by their key first, so that only those go through the deduplication (a hash collision only
    -- sends a few more). A key equal to the one before it in key order is repeated: sorting the keys costs
    -- DuckDB about half of grouping them, when almost every key is there once.
    select message_key from (
        select message_key, lag(message_key) over (order by message_key) as previous_key
        from (
            select ${message_key} as message_key from ${source("rudder", "events")} where message_id is not null
        ) keys
    ) sorted
    where message_key = previous_key
),
new_events as (
    select * from ${events}
    where message_id is not null and ${message_key} not in (select message_key from repeated)
    union all
    -- A retried event counts once.
    select * from (
        select * from ${events}
        where ${message_key} in (select message_key from repeated) or message_id is null
        qualify row_number() over (partition by message_id order by received_at) = 1
    ) retried
),
</#if>
typed as (
    select
        message_id,
        type,
        event,
        anonymous_id,
        user_id,
        ${user_key} as user_key,
        ${device_key} as device_key,
        coalesce("timestamp", received_at) as "timestamp",
        received_at,
        json_extract_string(campaign, '$.source') as utm_source,
        json_extract_string(campaign, '$.medium') as utm_medium,
        json_extract_string(campaign, '$.name') as utm_campaign,
        json_extract_string(campaign, '$.content') as utm_content,
        json_extract_string(campaign, '$.term') as utm_term,
        ${json_text_lower("consent_management", ["allowedConsentIds"])} as consent_allowed_ids,
        ${json_text_lower("consent_management", ["deniedConsentIds"])} as consent_denied_ids,
        case when ${json_mentions("context", "categoryPreferences")}
            then ${json_text_lower("context", ["consent", "categoryPreferences"])} end
            as consent_preferences,
        group_id,
        case when type in ('identify', 'group') then traits end as traits,
        case when ${json_mentions("properties", "test_user")} or ${json_mentions("traits", "test_user")}
                or ${json_mentions("context", "test_user")}
            then coalesce(try_cast(json_extract_string(properties, '$.test_user') as boolean),
                try_cast(json_extract_string(traits, '$.test_user') as boolean),
                try_cast(json_extract_string(context, '$.traits.test_user') as boolean), false)
            else false end as test_user
    from (
        -- The parts of the context several columns read, cut out once (a context is parsed whole for every path read).
        select *,
            case when type in ('page', 'track') and ${json_mentions("context", "campaign")}
                then ${json_text("context", ["campaign"])} end as campaign,
            case when ${json_mentions("context", "consentManagement")}
                then ${json_text("context", ["consentManagement"])} end as consent_management
        from new_events
    ) new_events
<#if is_incremental()>
    -- A retried event counts once (deduplicated here, on the narrow typed rows).
    qualify row_number() over (partition by message_id order by received_at) = 1
    union all
    -- Events of people who merged into someone else since the last run.
    select ${rekeyed}
    from ${this}
    where sluice_id in (
        select previous_sluice_id from ${ref("id_graph")}
        where labeled_at > (select max(labeled_at) from ${this}) and previous_sluice_id is not null)
    union all
    -- Events that have an id but no person yet: loaded after this run's graph models read the events (a
    -- collector loading during the run), so their ids were not in id_graph. A scan of one column, and only
    -- of the blocks that hold a NULL sluice_id.
    select ${rekeyed}
    from ${this}
    where sluice_id is null and (${user_key} is not null or ${device_key} is not null)
</#if>
)<#if is_incremental()>,
-- The few ids these rows carry, looked up first: each id once, joined to the bounds of all of them, so that the
-- planner reads them as the few they are (every one meets the bounds) and builds each lookup from them, reading
-- id_graph only past it, instead of building a lookup of every id of the history.
keys as (
    select distinct user_key, device_key from typed
),
bounds as (
    select min(user_key) as user_low, max(user_key) as user_high, min(device_key) as device_low,
        max(device_key) as device_high
    from keys
),
user_ids as (
    select g.id, g.sluice_id
    from (
        select distinct k.user_key from keys k join bounds b on k.user_key >= b.user_low and k.user_key <= b.user_high
    ) new_ids
    join ${ref("id_graph")} g on g.id = new_ids.user_key
    where g.id_type = 'user_id'
),
device_ids as (
    select g.id, g.sluice_id
    from (
        select distinct k.device_key from keys k
        join bounds b on k.device_key >= b.device_low and k.device_key <= b.device_high
    ) new_ids
    join ${ref("id_graph")} g on g.id = new_ids.device_key
    where g.id_type = 'anonymous_id'
)
select coalesce(by_user.sluice_id, by_device.sluice_id) as sluice_id, <#list columns?split(", ") as column>t.${column}<#sep>, </#list>,
    current_timestamp as labeled_at
from typed t
left join user_ids by_user on by_user.id = t.user_key
left join device_ids by_device on by_device.id = t.device_key
<#else>
select coalesce(by_user.sluice_id, by_device.sluice_id) as sluice_id, <#list columns?split(", ") as column>t.${column}<#sep>, </#list>,
    current_timestamp as labeled_at
from typed t
left join ${ref("id_graph")} by_user on by_user.id_type = 'user_id' and by_user.id = t.user_key
left join ${ref("id_graph")} by_device on by_device.id_type = 'anonymous_id' and by_device.id = t.device_key
</#if>
