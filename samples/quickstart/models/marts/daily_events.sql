<@config materialized="incremental" unique_key=["event_date", "event"] tags=["events"] />
-- Events per day and name. Later runs recompute only the days that received new events.
select
    event_date,
    event,
    count(*) as events,
    count(distinct actor_id) as actors,
    sum(revenue) as revenue
from ${ref("stg_tracks")}
<#if is_incremental()>
where event_date >= (select max(event_date) from ${this})
</#if>
group by event_date, event
