SELECT tracks.message_id,
    COALESCE(tracks.user_id, tracks.anonymous_id) AS actor_id,
    tracks.user_id,
    tracks.anonymous_id,
    tracks.event,
    tracks.received_at,
    CAST(tracks.received_at AS DATE) AS event_date,
    tracks.revenue
FROM raw.tracks AS tracks
