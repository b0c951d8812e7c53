<@config materialized="incremental" unique_key="node" tags=["identity"] input_version=identity_input_version([[ref("identity_nodes"), "added_at"], [ref("identity_links"), "added_at"]]) />
-- One row per known id with the person it belongs to. A person's sluice_id is the md5 of the id
-- that names their cluster: its smallest node, the id the graph saw first. It is stable while
-- they gain ids; when a new link joins two clusters, every id of both takes the sluice_id of the
-- older one (the smaller node), and previous_sluice_id keeps what the id had before, until the id
-- moves again (a rewrite that leaves an id's sluice_id as it was keeps its previous_sluice_id).
-- An id with no link is not in identity_components: it is its own cluster, named after itself.
-- labeled_at is when the id got its sluice_id (the run's time: when it was first seen by the graph or
-- last moved); identity_events and profiles follow the ids labeled after their own last run.
-- node is the id's number in identity_nodes; added_at is the latest batch of identity_components (its
-- added_at) when the row was written.
-- Incremental: only the ids of the clusters identity_components wrote since this table's latest added_at
-- (everyone in a cluster with a row added after it) and the ids numbered after this table's largest node
-- that no link reached are looked at, and of those only the new ids and the ids whose sluice_id changed
-- are written; the other people's rows are not read or changed. What a stopped or partial run left
-- behind is therefore taken in by the next run; a cluster looked at again is left as it is.
<#if is_incremental()>
<#assign graph_batch = "(select max(added_at) from " + this + ")">
<#-- The clusters identity_components wrote since this table's latest added_at. -->
<#assign looked_at = "where parent in (select t.parent from " + ref("identity_components") + " t where t.added_at > "
    + graph_batch + " or " + graph_batch + " is null)">
<#else>
<#assign looked_at = "">
</#if>
with roots as (
    -- Each cluster's name, computed once per cluster from its smallest node's id.
    select node, md5(id_type || ':' || id) as sluice_id
    from ${ref("identity_nodes")}
    where node in (select parent from ${ref("identity_components")} ${looked_at})
),
linked as (
    -- Each linked node looked at, with its cluster's name.
    select c.node, r.sluice_id
    from ${ref("identity_components")} c
    join roots r on r.node = c.parent
    ${looked_at}
),
labeled as (
<#if is_incremental()>
    select n.node, n.id, n.id_type, l.sluice_id, n.first_seen
    from linked l
    join ${ref("identity_nodes")} n on n.node = l.node
    union all
    select n.node, n.id, n.id_type, md5(n.id_type || ':' || n.id), n.first_seen
    from ${ref("identity_nodes")} n
    where n.node > (select coalesce(max(node), 0) from ${this})
        and not exists (select 1 from ${ref("identity_components")} c where c.node = n.node)
<#else>
    select n.node, n.id, n.id_type, coalesce(l.sluice_id, md5(n.id_type || ':' || n.id)) as sluice_id, n.first_seen
    from ${ref("identity_nodes")} n
    left join linked l on l.node = n.node
</#if>
)
select
    n.node,
    n.id,
    n.id_type,
    n.sluice_id,
    n.first_seen,
    (select max(added_at) from ${ref("identity_components")}) as added_at,
<#if is_incremental()>
    case when old.sluice_id = n.sluice_id then old.previous_sluice_id else old.sluice_id end as previous_sluice_id,
    case when old.sluice_id = n.sluice_id then old.labeled_at else current_timestamp end as labeled_at
<#else>
    cast(null as varchar) as previous_sluice_id,
    current_timestamp as labeled_at
</#if>
from labeled n
<#if is_incremental()>
-- Found by node, the id's number (an integer is cheaper to look up than the id's text; refresh_with keeps the
-- numbers of identity_nodes and this table the same).
left join ${this} old on old.node = n.node
-- An id whose person stays the same keeps its row as it is (rewriting it would change nothing).
where old.id is null or old.sluice_id <> n.sluice_id
</#if>
