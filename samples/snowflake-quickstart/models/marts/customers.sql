<@config materialized="table" tags=["profiles", "sync"] />
-- Users joined to their CRM account; the audience a reverse-ETL sync would send.
select
    u.user_id, u.email, u.first_seen_at, u.last_seen_at, u.is_internal,
    a.account_id,
    a.plan,
    nvl(a.opted_out, false) as opted_out
from ${ref("users")} u
left join ${source("crm", "accounts")} a on a.email = u.email
where not u.is_internal
