WITH __sluice_cte__stg_identifies as (
SELECT identifies.user_id,
    LOWER(TRIM(identifies.email, '                　')) AS email,
    identifies.received_at
FROM raw.identifies AS identifies
WHERE identifies.user_id IS NOT NULL
), latest_email AS (SELECT __sluice_cte__stg_identifies.user_id,
            __sluice_cte__stg_identifies.email
        FROM __sluice_cte__stg_identifies AS __sluice_cte__stg_identifies
        QUALIFY (ROW_NUMBER() OVER (PARTITION BY __sluice_cte__stg_identifies.user_id ORDER BY __sluice_cte__stg_identifies.received_at DESC NULLS LAST)) = CAST(1 AS BIGINT)), activity AS (SELECT stg_tracks.user_id,
            MIN(stg_tracks.received_at) AS first_seen_at,
            MAX(stg_tracks.received_at) AS last_seen_at,
            COUNT(*) AS tracks
        FROM analytics.stg_tracks AS stg_tracks
        WHERE stg_tracks.user_id IS NOT NULL
        GROUP BY stg_tracks.user_id) SELECT activity.user_id,
            latest_email.email,
            activity.first_seen_at,
            activity.last_seen_at,
            activity.tracks,
                latest_email.email LIKE '%@sluice.dev' AS is_internal
        FROM activity AS activity
            LEFT JOIN latest_email AS latest_email ON latest_email.user_id = activity.user_id
