<@config materialized="iterative" start=ref("identity_start") max_iterations=var("identity_max_passes", 64) tags=["identity"] />
-- Connected components by pointer jumping (FastSV: Zhang, Azad and Hu, 2020), one pass per run of
-- this SELECT. Each node points at a parent with a smaller number; a pass moves every pointer to the
-- smallest of: its grandparent (shortcutting, which halves every path), a neighbour's grandparent
-- (hooking), and, for the parent of a node, that node's neighbours' grandparents (the parent's whole
-- tree follows). Paths halve each pass, so the passes grow with the log of the graph's diameter,
-- not with the diameter. The iterative materialization repeats the pass (reading its previous
-- result in place of identity_start) until no pointer moves; then every node points at the
-- smallest node of its component.
with parents as (
    select node, parent from ${ref("identity_start")}
),
grandparents as (
    select p.node, gp.parent as grandparent
    from parents p
    join parents gp on gp.node = p.parent
),
candidates as (
    select node, grandparent as parent from grandparents
    union all
    select l.src, g.grandparent
    from ${ref("identity_links")} l
    join grandparents g on g.node = l.dst
    union all
    select p.parent, g.grandparent
    from ${ref("identity_links")} l
    join parents p on p.node = l.src
    join grandparents g on g.node = l.dst
)
select node, min(parent) as parent
from candidates
group by node
