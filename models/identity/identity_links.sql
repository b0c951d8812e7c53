<@config materialized="table" tags=["identity"] />
-- The identity graph's edges as node numbers, in both directions (the graph is undirected), with
-- added_at from identity_id_pairs: the links of the latest run are the new ones.
with edges as (
    select a.node as node_a, b.node as node_b, e.added_at
    from ${ref("identity_edges")} e
    join ${ref("identity_nodes")} a on a.id_type = e.type_a and a.id = e.id_a
    join ${ref("identity_nodes")} b on b.id_type = e.type_b and b.id = e.id_b
)
select node_a as src, node_b as dst, added_at from edges
union all
select node_b, node_a, added_at from edges
