<@config materialized="iterative" start=ref("identity_start") unique_key="node" max_iterations=var("identity_max_passes", 64) tags=["identity"] />
-- Connected components by pointer jumping (FastSV: Zhang, Azad and Hu, 2020), one pass per run of
-- this SELECT. Each node points at a parent with a smaller number; a pass moves every pointer to the
-- smallest of: its grandparent (shortcutting, which halves every path), a neighbour's grandparent
-- (hooking), and, for the parent of a node, that node's neighbours' grandparents (the parent's whole
-- tree follows). Paths halve each pass, so the passes grow with the log of the graph's diameter,
-- not with the diameter. The iterative materialization repeats the pass (reading its previous
-- result in place of identity_start) until no pointer moves; then every node points at the
-- smallest node of its component.
<#if is_incremental()>
-- Incremental run: the previous fixpoint (this table) stays; the passes cover only the new nodes,
-- the ends of the new links and every node of the clusters those ends were in. A cluster enters
-- as it was (each node pointing at its root) and is tied to the new links by an edge from each
-- linked node to its old root, so two clusters that a new link joins end under the smaller of
-- their roots, and all their nodes with it. The rows of this fixpoint replace theirs in the table.
</#if>
with state as (
    select node, parent from ${ref("identity_start")}
),
<#if is_incremental()>
new_links as (
    select src, dst from ${ref("identity_links")}
    where added_at = (select max(added_at) from ${ref("identity_links")})
),
previous as (
    select node, parent from ${this}
),
parents as (
    select node, parent from state
    union all
    -- The clusters the nodes of the passes belonged to, as they were.
    select p.node, p.parent from previous p
    where p.parent in (select old.parent from state s join previous old on old.node = s.node)
        and p.node not in (select node from state)
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
select node, min(parent) as parent
from candidates
group by node
