<@config materialized="table" tags=["identity"] />
-- Where the connected components start: both ends of every link of identity_links' latest batch, each
-- pointing at the smallest node within two links of it in that batch (itself included), with that batch's
-- added_at. Pointer jumping from a start where each node is its own parent gets there in about two passes
-- (joins and a grouping over every linked node each); here it costs a grouping and a join of the links, and
-- a graph of small clusters (a person's devices, user id and e-mail around one user id) is often at its
-- fixpoint already, leaving the components one pass that only confirms it. identity_components adds the
-- ends of any other link it has not taken in yet, each its own parent (on a full build every link of an
-- earlier batch; on an incremental run the links of the batches added after its own latest added_at, such
-- as a batch a stopped or partial run left behind) and, on an incremental run, the clusters these nodes
-- already belong to. An id with no link is a person of its own: it needs no pass (id_graph names it after
-- itself), and most ids are such (anonymous visitors who never signed in).
with batch as (
    select src, dst, added_at
    from ${ref("identity_links")}
    where added_at = (select max(added_at) from ${ref("identity_links")})
),
nearest as (
    -- The smallest of each end and its neighbours.
    select src as node, case when min(dst) < src then min(dst) else src end as parent, max(added_at) as added_at
    from batch
    group by src
)
select n.node, case when min(m.parent) < n.parent then min(m.parent) else n.parent end as parent, n.added_at
from nearest n
join batch b on b.src = n.node
join nearest m on m.node = b.dst
group by n.node, n.parent, n.added_at
