<@config materialized="iterative" start=ref("identity_start") unique_key="node" max_iterations=var("identity_max_passes", 64) tags=["identity"] input_version=identity_input_version([[ref("identity_nodes"), "added_at"], [ref("identity_links"), "added_at"]]) />
-- Connected components by pointer jumping (FastSV: Zhang, Azad and Hu, 2020), one pass per run of
-- this SELECT. Each node points at a parent with a smaller number; a pass moves every pointer to the
-- smallest of: its grandparent (shortcutting, which halves every path), a neighbour's grandparent
-- (hooking), and, for the parent of a node, that node's neighbours' grandparents (the parent's whole
-- tree follows). Paths halve each pass, so the passes grow with the log of the graph's diameter,
-- not with the diameter. The iterative materialization repeats the pass (reading its previous
-- result in place of identity_start) until no pointer moves; then every node points at the
-- smallest node of its component. Only linked nodes take part (identity_start holds the ends of the
-- links): an id with no link is alone, and id_graph names it after itself. added_at is the latest batch of
-- identity_links when the row was written: the links up to it are in the table.
<#if is_incremental()>
-- Incremental run: the previous fixpoint (this table) stays; the new links are those of every batch of
-- identity_links added after the table's latest added_at (a batch that a stopped or partial run left
-- behind is taken in by the next run; a link already taken in changes nothing if read again). The passes
-- cover only the nodes not in it yet (new ids, or ids with their first link), the ends of the new links that join two clusters
-- (or such a node), and every node of the clusters those ends were in. A cluster enters as it was
-- (each node pointing at its root) and is tied to the new links by an edge from each linked node to
-- its old root, so two clusters that a new link joins end under the smaller of their roots, and all
-- their nodes with it. The rows of this fixpoint replace theirs in the table. identity_start may hold
-- more nodes than that (the previous run's, when this run added no link): those already where they
-- belong are left out here.
</#if>
<#assign latest_batch = "(select max(added_at) from " + ref("identity_links") + ")">
<#if is_incremental()>
<#assign taken_in = "(select max(added_at) from " + this + ")">
</#if>
with state as (
    select node, parent from ${ref("identity_start")}
    union all
    -- The ends of the links of the batches before identity_start's that this build has not taken in (on a
    -- full build, every earlier batch; usually there are none).
    select distinct l.src, l.src
    from ${ref("identity_links")} l
    where l.added_at < (select max(added_at) from ${ref("identity_start")})
<#if is_incremental()>
        and (l.added_at > ${taken_in} or ${taken_in} is null)
</#if>
        and l.src not in (select node from ${ref("identity_start")})
),
<#if is_incremental()>
previous as (
    select node, parent from ${this}
),
new_links as (
    select l.src, l.dst
    from ${ref("identity_links")} l
    left join previous a on a.node = l.src
    left join previous b on b.node = l.dst
    where (l.added_at > ${taken_in} or ${taken_in} is null)
        and (a.parent is null or b.parent is null or a.parent <> b.parent)
),
moving as (
    -- Pointers only decrease: a known node starts at the smaller of its old root and where the start (or
    -- the previous pass) put it. The passes keep the new nodes, the ends of new links and the nodes that
    -- moved; the rest of their clusters joins below.
    select s.node, case when old.parent < s.parent then old.parent else s.parent end as parent,
        old.parent as old_parent, old.node is null as is_new
    from state s
    left join previous old on old.node = s.node
),
seeds as (
    select node, parent, old_parent from moving
    where is_new or parent <> old_parent or node in (select src from new_links)
),
parents as (
    select node, parent from seeds
    union all
    -- The clusters the seeds belonged to, as they were.
    select p.node, p.parent from previous p
    where p.parent in (select old_parent from seeds)
        and p.node not in (select node from seeds)
),
links as (
    select src, dst from new_links
    union all
    select p.node, p.parent from previous p where p.node in (select src from new_links) and p.node <> p.parent
    union all
    select p.parent, p.node from previous p where p.node in (select src from new_links) and p.node <> p.parent
),
<#else>
parents as (
    select node, parent from state
),
links as (
    select src, dst from ${ref("identity_links")}
),
</#if>
grandparents as (
    select p.node, gp.parent as grandparent
    from parents p
    join parents gp on gp.node = p.parent
),
candidates as (
    select node, grandparent as parent from grandparents
    union all
    select l.src, g.grandparent
    from links l
    join grandparents g on g.node = l.dst
    union all
    select p.parent, g.grandparent
    from links l
    join parents p on p.node = l.src
    join grandparents g on g.node = l.dst
)
select node, min(parent) as parent, ${latest_batch} as added_at
from candidates
group by node
