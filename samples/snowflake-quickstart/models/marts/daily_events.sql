<@config materialized="table" tags=["events"] />
-- Events per day and name, with the names of the events in the order they came.
select
    event_date,
    event,
    count(*) as events,
    count(distinct actor_id) as actors,
    sum(revenue) as revenue,
    listagg(distinct actor_id, ',') within group (order by actor_id) as actor_ids
from ${ref("stg_tracks")}
group by event_date, event
