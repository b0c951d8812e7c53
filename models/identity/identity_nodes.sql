<@config materialized="incremental" tags=["identity"] refresh_with=["identity_links", "identity_components", "id_graph"] input_version=identity_input_version([[source("rudder", "events"), "received_at"], [ref("identity_id_pairs"), "added_at"]]) />
-- Every id, numbered in the order the graph first saw it: on a full build, by the time it first
-- appeared; on an incremental run, new ids are numbered after all known ones (by their first time
-- within the run). The smallest number of a cluster names the person, so a person's sluice_id stays
-- put as new devices and e-mails join them, and when two people merge, the older name wins.
-- added_at marks the ids a run added: the latest received_at among all events when the run read the pairs, less
-- a second when identity_id_pairs had not yet scanned up to that event (its latest batch is dated earlier).
-- Incremental: a run reads the pairs of the batches of identity_id_pairs dated after its own latest added_at:
-- every batch dated up to it was there when the previous run read the pairs, and a batch added since is dated
-- no earlier than the latest event then (each batch is dated by the latest received_at when it was scanned, after
-- every earlier batch). So a batch that a stopped or partial run added to identity_id_pairs is read by the next
-- run, and a batch is read again only when it was dated less than a second before the latest event then.
<#assign latest_event = "(select max(received_at) from " + source("rudder", "events") + ")">
<#assign latest_pairs = "(select max(added_at) from " + ref("identity_id_pairs") + ")">
<#if is_incremental()>
<#assign new_pairs = "added_at > (select max(added_at) from " + this + ") or (select max(added_at) from " + this + ") is null">
<#else>
<#assign new_pairs = "true">
</#if>
with ids as (
    select type_a as id_type, id_a as id, first_seen from ${ref("identity_id_pairs")}
    where ${new_pairs}
    union all
    select type_b, id_b, first_seen from ${ref("identity_id_pairs")}
    where ${new_pairs}
    union all
    -- Ids that were never linked to another are people too (most anonymous visitors). Each id as sent
    -- is normalised once, after its events are grouped (a device sends many events).
    select 'anonymous_id', ${normalized_id("anonymous_id", "anonymous_id")}, first_seen
    from (
        select anonymous_id, min(coalesce("timestamp", received_at)) as first_seen
        from ${source("rudder", "events")}
        where anonymous_id is not null and ${identity_new_events("added_at")}
        group by anonymous_id
    ) devices
    union all
    select 'user_id', ${normalized_id("user_id", "user_id")}, first_seen
    from (
        select user_id, min(coalesce("timestamp", received_at)) as first_seen
        from ${source("rudder", "events")}
        where user_id is not null and ${identity_new_events("added_at")}
        group by user_id
    ) users
),
first_seen as (
    -- A junk id (normalised to NULL) is dropped after the numbering below, where it is numbered last: a filter
    -- here would be evaluated on every event before the grouping, normalising each id once per event.
    select id_type, id, min(first_seen) as first_seen from ids group by id_type, id
),
new_ids as (
<#if is_incremental()>
    select f.* from first_seen f
    where not exists (select 1 from ${this} old where old.id_type = f.id_type and old.id = f.id)
<#else>
    select * from first_seen
</#if>
)
select node, id_type, id, first_seen, added_at
from (
    select
<#if is_incremental()>
        (select coalesce(max(node), 0) from ${this}) +
</#if>
        row_number() over (order by id is null, first_seen, id_type, id) as node, id_type, id, first_seen,
        case when ${latest_pairs} = ${latest_event} then ${latest_event} else ${latest_event} - interval '1' second end
            as added_at
    from new_ids
) numbered
where id is not null
