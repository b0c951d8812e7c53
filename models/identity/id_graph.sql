<@config materialized="table" tags=["identity"] />
-- One row per known id with the person it belongs to. A person's sluice_id is derived from the
-- earliest id of their cluster, so it is stable while they gain ids; when a new link joins two
-- clusters, every id of both takes the sluice_id of the older one.
select
    n.id,
    n.id_type,
    md5(root.id_type || ':' || root.id) as sluice_id,
    n.first_seen
from ${ref("identity_nodes")} n
join ${ref("identity_components")} c on c.node = n.node
join ${ref("identity_nodes")} root on root.node = c.parent
