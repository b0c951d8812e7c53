<@config materialized="incremental" unique_key=["src", "dst"] tags=["identity"] input_version=identity_input_version([[ref("identity_id_pairs"), "added_at"], [ref("identity_nodes"), "added_at"]]) />
-- The identity graph's edges as node numbers, in both directions (the graph is undirected), with
-- added_at from identity_id_pairs: the links of the latest run are the new ones.
-- Incremental: a run adds the links of the pairs added after the latest added_at it has (each scan of
-- identity_id_pairs dates its batch later than every earlier one), instead of joining every pair to
-- the nodes again.
with edges as (
    select a.node as node_a, b.node as node_b, e.added_at
<#if is_incremental()>
    -- The new pairs are picked before the joins (a filter after them would join every pair first).
    from (
        select * from ${ref("identity_edges")}
        where added_at > (select max(added_at) from ${this}) or (select max(added_at) from ${this}) is null
    ) e
<#else>
    from ${ref("identity_edges")} e
</#if>
    join ${ref("identity_nodes")} a on a.id_type = e.type_a and a.id = e.id_a
    join ${ref("identity_nodes")} b on b.id_type = e.type_b and b.id = e.id_b
)
select node_a as src, node_b as dst, added_at from edges
union all
select node_b, node_a, added_at from edges
