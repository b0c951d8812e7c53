<@config materialized="table" tags=["sync"] />
-- What goes back to the CRM: product sign-ups as leads (matched on e-mail), with the account they
-- belong to, first touch, activity, demo requests and the unified e-mail opt-out, so sales sees
-- the same consent the e-mail tool honours, and how long the lead has held its status.
select
    p.email,
    l.lead_id,
    s.status as lead_status,
    s.started_at as lead_status_since,
    a.account_id,
    p.signed_up_at,
    p.first_touch_source,
    p.first_touch_medium,
    p.first_touch_campaign,
    p.last_seen_at,
    p.page_count,
    d.sluice_id is not null as requested_demo,
    not c.allowed as has_opted_out_of_email
from ${ref("profiles")} p
join ${ref("consent_status")} c on c.sluice_id = p.sluice_id and c.channel = 'email'
left join ${source("crm", "leads")} l on lower(trim(l.email)) = p.email
left join ${ref("lead_status_timeline")} s on s.lead_id = l.lead_id and s.is_current
left join ${ref("crm_accounts_by_domain")} a on a.domain = substring(p.email from position('@' in p.email) + 1)
left join ${ref("audience_demo_requested")} d on d.sluice_id = p.sluice_id
where p.signed_up_at is not null
