SELECT stg_tracks.event_date,
    stg_tracks.event,
    COUNT(*) AS events,
    COUNT(DISTINCT stg_tracks.actor_id) AS actors,
    SUM(stg_tracks.revenue) AS revenue
FROM analytics.stg_tracks AS stg_tracks
GROUP BY stg_tracks.event_date,
    stg_tracks.event
