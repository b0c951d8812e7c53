SELECT c.user_id,
    c.email,
    c.first_seen_at AS signed_up_at
FROM analytics.customers AS c
WHERE c.first_seen_at >= DATEADD(DAY, -30, CAST(TO_DATE('2026-11-26', 'YYYY-MM-DD') AS TIMESTAMP_NTZ)) AND NOT c.opted_out
