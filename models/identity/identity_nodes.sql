<@config materialized="incremental" tags=["identity"] input_version=identity_input_version([[source("rudder", "events"), "received_at"], [ref("identity_id_pairs"), "added_at"]]) />
-- Every id, numbered in the order the graph first saw it: on a full build, by the time it first
-- appeared; on an incremental run, new ids are numbered after all known ones (by their first time
-- within the run). The smallest number of a cluster names the person, so a person's sluice_id stays
-- put as new devices and e-mails join them, and when two people merge, the older name wins.
-- added_at marks the ids a run added (the latest received_at among all events when it ran).
-- Incremental: a run reads the pairs of every batch of identity_id_pairs dated no earlier than its own
-- latest added_at, so a batch that a stopped or partial run added to identity_id_pairs is read by the
-- next run (the pairs' batch that the previous run read may be read again: its ids are known and kept).
<#if is_incremental()>
<#assign new_pairs = "added_at >= (select max(added_at) from " + this + ") or (select max(added_at) from " + this + ") is null">
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
        (select max(received_at) from ${source("rudder", "events")}) as added_at
    from new_ids
) numbered
where id is not null
