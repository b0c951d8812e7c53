<@config materialized="table" tags=["identity"] />
-- Where the connected components start: both ends of every link the latest run added, each its own
-- parent. On a full build that is every linked node; on an incremental run, identity_components adds
-- the clusters these nodes already belong to. An id with no link is a person of its own: it needs no
-- pass (id_graph names it after itself), and most ids are such (anonymous visitors who never signed in).
select distinct src as node, src as parent
from ${ref("identity_links")}
where added_at = (select max(added_at) from ${ref("identity_links")})
