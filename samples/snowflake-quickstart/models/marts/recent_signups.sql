<@config materialized="view" tags=["audiences"] />
-- Signed up within the active window, not opted out.
select c.user_id, c.email, c.first_seen_at as signed_up_at,
       datediff(day, c.first_seen_at, '${var("as_of")}'::timestamp) as days_since_signup
from ${ref("customers")} c
where c.first_seen_at >= dateadd(day, -${var("active_window_days")}, '${var("as_of")}'::date)
  and not c.opted_out
