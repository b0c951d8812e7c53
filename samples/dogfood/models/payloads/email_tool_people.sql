<@config materialized="table" tags=["sync"] />
-- What the e-mail tool (Customer.io) receives: people with an e-mail who may be e-mailed, their
-- traits, where they came from and which onboarding audience they are in.
select
    p.sluice_id,
    p.email,
    p.first_name,
    p.plan,
    p.signed_up_at,
    p.first_touch_source,
    p.first_touch_campaign,
    p.account_name as company,
    n.sluice_id is not null as needs_onboarding_nudge
from ${ref("profiles")} p
left join ${ref("audience_signed_up_without_source")} n on n.sluice_id = p.sluice_id
where p.email is not null
    and ${consented("p.sluice_id", "email")}
