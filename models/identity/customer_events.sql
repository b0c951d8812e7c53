<@config materialized="table" tags=["identity"] />
-- The collector's events as the customer models read them: each message once, with the person
-- (sluice_id) it belongs to, and internal and test traffic (internal_people) left out. The user id
-- decides the person when the call has one, else the anonymous id.
with events as (
    select *
    from ${source("rudder", "events")}
    qualify row_number() over (partition by message_id order by received_at) = 1
)
select
    coalesce(by_user.sluice_id, by_device.sluice_id) as sluice_id,
    e.message_id,
    e.type,
    e.event,
    e.anonymous_id,
    e.user_id,
    coalesce(e."timestamp", e.received_at) as "timestamp",
    e.received_at,
    e.context,
    e.properties,
    e.traits,
    e.payload
from events e
left join ${ref("id_graph")} by_user
    on by_user.id_type = 'user_id' and by_user.id = ${normalized_id("e.user_id", "user_id")}
left join ${ref("id_graph")} by_device
    on by_device.id_type = 'anonymous_id' and by_device.id = ${normalized_id("e.anonymous_id", "anonymous_id")}
where coalesce(by_user.sluice_id, by_device.sluice_id) not in (select sluice_id from ${ref("internal_people")})
