<@config materialized="table" tags=["profiles", "sync"] />
-- Users joined to their CRM account; the audience a reverse-ETL sync would send.
select
    <@star relation=ref("users") except=["tracks"] alias="u" />,
    a.account_id,
    a.plan,
    coalesce(a.opted_out, false) as opted_out
from ${ref("users")} u
left join ${source("crm", "accounts")} a on a.email = u.email
where not u.is_internal
