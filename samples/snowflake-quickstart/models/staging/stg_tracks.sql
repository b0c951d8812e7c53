<@config materialized="view" tags=["events"] />
-- Typed track events, one row per message.
select
    message_id,
    nvl(user_id, anonymous_id) as actor_id,
    user_id,
    anonymous_id,
    event,
    received_at,
    received_at::date as event_date,
    revenue
from ${source("rudder", "tracks")}
