SELECT u.user_id,
    u.email,
    u.first_seen_at,
    u.last_seen_at,
    u.is_internal,
    a.account_id,
    a.plan,
    COALESCE(a.opted_out, FALSE) AS opted_out
FROM analytics.users AS u
    LEFT JOIN raw.accounts AS a ON a.email = u.email
WHERE NOT u.is_internal
