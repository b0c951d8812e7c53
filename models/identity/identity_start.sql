<@config materialized="table" tags=["identity"] />
-- Where the connected components start: every node its own parent.
select node, node as parent from ${ref("identity_nodes")}
