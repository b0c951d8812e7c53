<@config materialized="table" tags=["consent"] />
<#assign channels = var("consent_channels", {"email": ["email"], "sms": ["sms"], "ads": ["ads", "advertising", "targeting"], "analytics": ["analytics", "performance"]})>
<#assign unknown = var("consent_when_unknown", {"email": "granted", "sms": "denied", "ads": "denied", "analytics": "granted"})>
-- One status per person and channel: the latest signal wins (a denial wins a tie), and its source
-- and time are kept. A person with no signal for a channel is 'unknown', and allowed as
-- var("consent_when_unknown") says (by default e-mail and analytics yes, SMS and ads no: they
-- need an opt-in). Reverse-ETL payload models keep only rows where allowed is true.
with people as (
    select distinct sluice_id from ${ref("customer_events")}
),
channels as (
<#list channels?keys as channel>
    select '${channel}' as channel, ${((unknown[channel]!"denied") == "granted")?c} as allowed_when_unknown<#sep>
    union all</#sep>
</#list>
),
latest as (
    select sluice_id, channel, status, source, signal_at
    from ${ref("consent_signals")}
    qualify row_number() over (partition by sluice_id, channel
        order by signal_at desc, case status when 'denied' then 0 else 1 end, source) = 1
)
select
    p.sluice_id,
    c.channel,
    coalesce(l.status, 'unknown') as status,
    coalesce(l.status = 'granted', c.allowed_when_unknown) as allowed,
    l.source,
    l.signal_at
from people p
cross join channels c
left join latest l on l.sluice_id = p.sluice_id and l.channel = c.channel
