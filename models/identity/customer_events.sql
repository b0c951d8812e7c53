<@config materialized="view" tags=["identity"] />
-- The events as the customer models read them: each message once, with the person (sluice_id) it
-- belongs to and the typed fields of identity_events; internal and test traffic (internal_people)
-- and events with no usable id left out.
select e.*
from ${ref("identity_events")} e
where e.sluice_id is not null
    and e.sluice_id not in (select sluice_id from ${ref("internal_people")})
