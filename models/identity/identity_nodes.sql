<@config materialized="table" tags=["identity"] />
-- Every id, numbered in the order ids first appeared: the earliest id of a cluster names it, so a
-- person's sluice_id stays put as new devices and e-mails join them.
with ids as (
    select type_a as id_type, id_a as id, first_seen from ${ref("identity_id_pairs")}
    union all
    select type_b, id_b, first_seen from ${ref("identity_id_pairs")}
    union all
    -- Ids that were never linked to another are people too (most anonymous visitors).
    select 'anonymous_id', ${normalized_id("anonymous_id", "anonymous_id")}, coalesce("timestamp", received_at)
    from ${source("rudder", "events")}
    where anonymous_id is not null
    union all
    select 'user_id', ${normalized_id("user_id", "user_id")}, coalesce("timestamp", received_at)
    from ${source("rudder", "events")}
    where user_id is not null
),
first_seen as (
    select id_type, id, min(first_seen) as first_seen from ids where id is not null group by id_type, id
)
select row_number() over (order by first_seen, id_type, id) as node, id_type, id, first_seen
from first_seen
