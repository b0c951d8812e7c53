<@config materialized="view" tags=["events"] />
-- Typed track events, one row per message.
select
    message_id,
    coalesce(user_id, anonymous_id) as actor_id,
    user_id,
    anonymous_id,
    event,
    received_at,
    cast(received_at as date) as event_date,
    revenue
from ${source("rudder", "tracks")}
