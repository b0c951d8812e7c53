<@config materialized="table" tags=["identity"] />
-- Where the connected components start: every node the latest run added, and both ends of every
-- link it added, each its own parent. On a full build that is every node; on an incremental run,
-- identity_components adds the clusters these nodes already belong to.
select node, node as parent
from ${ref("identity_nodes")}
where added_at = (select max(added_at) from ${ref("identity_nodes")})
union
select src, src
from ${ref("identity_links")}
where added_at = (select max(added_at) from ${ref("identity_links")})
