<@config materialized="table" tags=["billing"] />
-- Each Stripe customer's billing status from the subscriptions `sluice extract stripe` lands: active (a
-- subscription active, past due or unpaid), trialing, churned (subscriptions, none live any more) or
-- none. With vars.billing_source = 'stripe'; without billing data (the default) it is empty.
<#if var("billing_source", "none") == "stripe">
select
    c.id as customer_id,
    lower(c.email) as email,
    case
        when sum(case when s.status in ('active', 'past_due', 'unpaid') then 1 else 0 end) > 0 then 'active'
        when sum(case when s.status = 'trialing' then 1 else 0 end) > 0 then 'trialing'
        when count(s.id) > 0 then 'churned'
        else 'none'
    end as status,
    max(coalesce(s.ended_at, s.canceled_at)) as last_ended_at
from ${source("stripe", "customers")} c
left join ${source("stripe", "subscriptions")} s on s.customer = c.id and not s._sluice_deleted
where not c._sluice_deleted
group by c.id, c.email
<#else>
select
    cast(null as varchar) as customer_id,
    cast(null as varchar) as email,
    cast(null as varchar) as status,
    cast(null as timestamp) as last_ended_at
from (values (1)) as nothing (x)
where x = 0
</#if>
