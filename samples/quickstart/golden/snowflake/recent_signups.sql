SELECT c.user_id,
    c.email,
    c.first_seen_at AS signed_up_at
FROM analytics.customers AS c
WHERE c.first_seen_at >= CAST(DATEADD(DAY, -30, CAST(DATE '2026-11-26' AS TIMESTAMP_NTZ)) AS TIMESTAMP_NTZ) AND NOT c.opted_out
