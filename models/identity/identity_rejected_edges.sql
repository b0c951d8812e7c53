<@config materialized="view" tags=["identity"] />
-- The links the cardinality caps dropped (a shared e-mail, a shared device), and why: review these
-- before raising a cap.
select type_a, id_a, type_b, id_b, first_seen, seen_in, rejected_reason, added_at
from ${ref("identity_id_pairs")}
where rejected_reason is not null
