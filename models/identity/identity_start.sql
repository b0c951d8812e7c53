<@config materialized="table" tags=["identity"] />
-- Where the connected components start: both ends of every link of identity_links' latest batch, each
-- pointing at the smallest of itself and its neighbours in that batch, with that batch's added_at. That
-- is where the components' first pass would move them from a start where each is its own parent, one
-- grouping of the links instead of a pass (joins and a grouping over every node). identity_components
-- adds the ends of any other link it has not taken in yet, each its own parent (on a full build every
-- link of an earlier batch; on an incremental run the links of the batches added after its own latest
-- added_at, such as a batch a stopped or partial run left behind) and, on an incremental run, the
-- clusters these nodes already belong to. An id with no link is a person of its own: it needs no pass
-- (id_graph names it after itself), and most ids are such (anonymous visitors who never signed in).
select src as node, case when min(dst) < src then min(dst) else src end as parent, added_at
from ${ref("identity_links")}
where added_at = (select max(added_at) from ${ref("identity_links")})
group by src, added_at
