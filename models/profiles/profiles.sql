<@config materialized="incremental" unique_key="sluice_id" delete_flag="sluice_removed" tags=["profiles"] />
<#assign signup_events = var("signup_events", ["Signed Up"])>
<#assign utm_fields = ["source", "medium", "campaign", "content", "term"]>
<#assign fixed = ["sluice_id", "user_id", "known_ids", "first_seen_at", "last_seen_at", "page_count", "track_count",
    "signed_up_at", "account_id", "account_name", "sluice_updated_at", "sluice_removed"]>
<#-- A trait that is an id (email) reads normalised, as id_graph spells it. -->
<#function value field>
  <#if var("identity_trait_ids", ["email"])?seq_contains(field.name)><#return normalized_id(field.sql, field.name)></#if>
  <#return field.sql>
</#function>
-- One row per person (sluice_id): their ids, the latest non-null value of each trait (trait ids
-- such as email normalised), first and last seen, first- and last-touch UTM parameters, page and
-- track counts, sign-up time (the first of var("signup_events")) and the account from their
-- latest group call. "Latest" and "first" follow one total order of a person's events: timestamp,
-- then received_at, then message_id, so events at the same instant give the same answer on every
-- run and warehouse, whatever order they were loaded in. Internal and test
-- traffic is already out of customer_events. sluice_updated_at is when the row was last computed.
-- Incremental: only the people whose events were added or relabeled (identity_events.labeled_at) or
-- whose ids were labeled (id_graph.labeled_at: a new id, a merge) since the table's latest
-- sluice_updated_at are computed again, from all their events; a person with no events left (merged
-- into another, now internal or test traffic) is a deletion (sluice_removed). The rows equal a full
-- build's.
with
<#if is_incremental()>
since as (
    select max(sluice_updated_at) as updated_at from ${this}
),
changes as (
    -- The watermark beside each upstream table's latest label: a table with no label after it is not read below
    -- (its join ends before reading past its first rows). The labels are compared with read_after, never NULL
    -- (an empty table reads every label), so that the warehouse skips the blocks labeled before it unread; an OR
    -- in the join would make it read every label.
    select
        s.updated_at,
        coalesce(s.updated_at, cast('1900-01-01 00:00:00' as timestamp)) as read_after,
        (select max(labeled_at) from ${ref("identity_events")}) as events_labeled_at,
        (select max(labeled_at) from ${ref("id_graph")}) as ids_labeled_at
    from since s
),
people as (
    select e.sluice_id
    from changes c
    join ${ref("identity_events")} e on e.labeled_at > c.read_after
    where (c.events_labeled_at > c.updated_at or c.updated_at is null) and e.sluice_id is not null
    union
    select g.sluice_id
    from changes c
    join ${ref("id_graph")} g on g.labeled_at > c.read_after
    where c.ids_labeled_at > c.updated_at or c.updated_at is null
    union
    select g.previous_sluice_id
    from changes c
    join ${ref("id_graph")} g on g.labeled_at > c.read_after
    where (c.ids_labeled_at > c.updated_at or c.updated_at is null) and g.previous_sluice_id is not null
),
bounds as (
    select min(sluice_id) as low, max(sluice_id) as high from people
),
events as (
    -- The few people's events, read once. Joined to their own bounds (a filter that keeps every row), the people
    -- read to the planner as the few they are: the lookup is built from them and the events are only read past it,
    -- the scan skipping what it cannot match, instead of every event being built into a lookup first.
    select * from ${ref("customer_events")}
    where sluice_id in (select p.sluice_id from people p join bounds b on p.sluice_id >= b.low and p.sluice_id <= b.high)
),
<#assign events = "events">
<#else>
<#-- A full build reads all events in each CTE below (not in a shared CTE, which would be written out whole
  first, when each reader needs only a few of its columns and rows). -->
<#assign events = ref("customer_events") + " as events">
</#if>
activity as (
    select
        sluice_id,
        min("timestamp") as first_seen_at,
        max("timestamp") as last_seen_at,
        count(*) filter (where type = 'page') as page_count,
        count(*) filter (where type = 'track') as track_count,
        min("timestamp") filter (where type = 'track' and event in (<#list signup_events as event>'${event?replace("'", "''")}'<#sep>, </#list>)) as signed_up_at
    from ${events}
    group by sluice_id
),
latest_user_ids as (
    -- The user id of the person's latest event that has one.
    select sluice_id, user_id from ${events}
    where user_id is not null
    qualify row_number() over (partition by sluice_id order by "timestamp" desc, received_at desc, message_id desc) = 1
),
<#if is_incremental()>
known_ids as (
    -- The people joined to their own bounds again (see events): the lookup is built from them and id_graph is only
    -- read past it (not built into a lookup itself), and a run with nobody to compute does not read id_graph at all.
    select g.sluice_id, array_to_string(list_sort(list(g.id_type || ':' || g.id)), ', ') as known_ids
    from people p
    join bounds b on p.sluice_id >= b.low and p.sluice_id <= b.high
    join ${ref("id_graph")} g on g.sluice_id = p.sluice_id
    group by g.sluice_id
),
<#else>
known_ids as (
    -- Most people have one id, which is their whole list: an id with no link (not in identity_components, which
    -- holds only the ends of links) is a person of its own. Only the linked ids are gathered into a sorted list per
    -- person (gathering text per person is what costs; sorting the list is cheaper than an ordered string_agg).
    select g.sluice_id, g.id_type || ':' || g.id as known_ids
    from ${ref("id_graph")} g
    where not exists (select 1 from ${ref("identity_components")} c where c.node = g.node)
    union all
    select g.sluice_id, array_to_string(list_sort(list(g.id_type || ':' || g.id)), ', ') as known_ids
    from ${ref("id_graph")} g
    where exists (select 1 from ${ref("identity_components")} c where c.node = g.node)
    group by g.sluice_id
),
</#if>
traits as (
    select
        sluice_id<#list json_fields(source("rudder", "events"), "traits", "type = 'identify'") as field><#if !fixed?seq_contains(field.name)>,
        arg_max(${value(field)}, event_order) filter (where ${value(field)} is not null) as ${field.name}</#if></#list>
    from (
        -- Each identify call's place among the person's: ties in time are ordered by receipt, then message id.
        select sluice_id, traits,
            row_number() over (partition by sluice_id order by "timestamp", received_at, message_id) as event_order
        from ${events}
        where type = 'identify'
    ) identifies
    group by sluice_id
),
touch_events as (
    -- Pages and tracks that carried UTM parameters (context.campaign, as the SDKs record them;
    -- identity_events read them out once).
    select sluice_id, "timestamp", received_at, message_id, utm_source, utm_medium, utm_campaign, utm_content, utm_term
    from ${events}
    where utm_source is not null or utm_medium is not null or utm_campaign is not null or utm_content is not null
        or utm_term is not null
),
several_touches as (
    select sluice_id from touch_events group by sluice_id having count(*) > 1
),
touches as (
    -- A person with one such event has it as first and last touch; only the others' events are ordered: the first
    -- one, with the last one's values read off the same ordering (one sort for both touches).
    select
        sluice_id<#list utm_fields as field>,
        utm_${field} as first_touch_${field}</#list><#list utm_fields as field>,
        utm_${field} as last_touch_${field}</#list>
    from touch_events t
    where not exists (select 1 from several_touches s where s.sluice_id = t.sluice_id)
    union all
    select
        sluice_id<#list utm_fields as field>,
        utm_${field} as first_touch_${field}</#list><#list utm_fields as field>,
        last_value(utm_${field}) over (partition by sluice_id order by "timestamp", received_at, message_id
            rows between unbounded preceding and unbounded following) as last_touch_${field}</#list>
    from touch_events
    where sluice_id in (select sluice_id from several_touches)
    qualify row_number() over (partition by sluice_id order by "timestamp", received_at, message_id) = 1
),
accounts as (
    select sluice_id, group_id as account_id, json_extract_string(traits, '$.name') as account_name
    from ${events}
    where type = 'group'
    qualify row_number() over (partition by sluice_id order by "timestamp" desc, received_at desc, message_id desc) = 1
)
select
<#if is_incremental()>
    p.sluice_id,
<#else>
    a.sluice_id,
</#if>
    u.user_id,
    k.known_ids,
    a.first_seen_at,
    a.last_seen_at,
    a.page_count,
    a.track_count,
    a.signed_up_at,
    f.first_touch_source,
    f.first_touch_medium,
    f.first_touch_campaign,
    f.first_touch_content,
    f.first_touch_term,
    f.last_touch_source,
    f.last_touch_medium,
    f.last_touch_campaign,
    f.last_touch_content,
    f.last_touch_term,
    g.account_id,
    g.account_name<#list json_fields(source("rudder", "events"), "traits", "type = 'identify'") as field><#if !fixed?seq_contains(field.name)>,
    t.${field.name}</#if></#list>,
    current_timestamp as sluice_updated_at,
<#if is_incremental()>
    a.sluice_id is null as sluice_removed
from people p
left join activity a on a.sluice_id = p.sluice_id
<#else>
    false as sluice_removed
from activity a
</#if>
left join latest_user_ids u on u.sluice_id = a.sluice_id
left join known_ids k on k.sluice_id = a.sluice_id
left join traits t on t.sluice_id = a.sluice_id
left join touches f on f.sluice_id = a.sluice_id
left join accounts g on g.sluice_id = a.sluice_id
