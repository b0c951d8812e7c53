<@config materialized="view" tags=["audiences"] />
-- Signed up within the active window, not opted out.
select c.user_id, c.email, c.first_seen_at as signed_up_at
from ${ref("customers")} c
where c.first_seen_at >= date '${var("as_of")}' - interval ${var("active_window_days")} day
  and not c.opted_out
