<@config materialized="table" tags=["identity"] />
-- Where the connected components start: both ends of every link of identity_links' latest batch, each
-- its own parent, with that batch's added_at. identity_components adds the ends of any other link it has
-- not taken in yet (on a full build every link; on an incremental run the links of the batches added after
-- its own latest added_at, such as a batch a stopped or partial run left behind) and, on an incremental
-- run, the clusters these nodes already belong to. An id with no link is a person of its own: it needs no
-- pass (id_graph names it after itself), and most ids are such (anonymous visitors who never signed in).
select distinct src as node, src as parent, added_at
from ${ref("identity_links")}
where added_at = (select max(added_at) from ${ref("identity_links")})
