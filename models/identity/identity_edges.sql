<@config materialized="view" tags=["identity"] />
-- The links the identity graph is built from: the id pairs that passed the cardinality caps.
select type_a, id_a, type_b, id_b, first_seen, seen_in, added_at
from ${ref("identity_id_pairs")}
where rejected_reason is null
