<@config materialized="view" tags=["crm"] />
-- CRM accounts with their open pipeline, keyed by the e-mail domain people sign up with.
select
    a.account_id,
    a.domain,
    a.name,
    a.owner,
    coalesce(sum(o.amount) filter (where o.closed_at is null), 0) as open_pipeline,
    count(o.opportunity_id) filter (where o.stage = 'closed_won') as deals_won
from ${source("crm", "accounts")} a
left join ${source("crm", "opportunities")} o on o.account_id = a.account_id
group by a.account_id, a.domain, a.name, a.owner
