<@config materialized="table" tags=["consent"] />
<#assign channels = var("consent_channels", {"email": ["email"], "sms": ["sms"], "ads": ["ads", "advertising", "targeting"], "analytics": ["analytics", "performance"]})>
<#assign opt_out_traits = var("consent_opt_out_traits", {"unsubscribed": "email", "sms_opt_out": "sms"})>
<#assign crm = var("consent_crm_opt_outs", {})>
-- Every consent or opt-out signal, one row per person, channel and signal, with its source and time:
--  * RudderStack's context.consentManagement: allowedConsentIds / deniedConsentIds,
--  * Segment's context.consent.categoryPreferences: {"Advertising": true, ...},
--  * traits that opt a person out (var consent_opt_out_traits: unsubscribed=true denies email),
--  * a CRM table's opt-out flag (var consent_crm_opt_outs), matched on e-mail.
-- var("consent_channels") maps each channel to the consent category ids or names (compared in
-- lower case) that stand for it; add a channel there to get one more.
with events as (
    -- identity_events read the consent fields out of context once, lower-cased.
    select sluice_id, "timestamp", traits, consent_allowed_ids as rudder_allowed, consent_denied_ids as rudder_denied,
        consent_preferences as segment_preferences
    from ${ref("customer_events")}
    where consent_allowed_ids is not null or consent_denied_ids is not null or consent_preferences is not null
        or traits is not null
),
signals as (
<#list channels?keys as channel>
    <#assign categories = channels[channel]>
    select sluice_id, '${channel}' as channel,
        case
            when <#list categories as category>rudder_denied like '%"${category?lower_case}"%'<#sep> or </#list> then 'denied'
            when <#list categories as category>rudder_allowed like '%"${category?lower_case}"%'<#sep> or </#list> then 'granted'
        end as status,
        'rudderstack consentManagement' as source, "timestamp" as signal_at
    from events
    where rudder_allowed is not null or rudder_denied is not null
    union all
    select sluice_id, '${channel}',
        case
            when <#list categories as category>json_extract_string(segment_preferences, '$."${category?lower_case}"') = 'false'<#sep> or </#list> then 'denied'
            when <#list categories as category>json_extract_string(segment_preferences, '$."${category?lower_case}"') = 'true'<#sep> or </#list> then 'granted'
        end,
        'segment categoryPreferences', "timestamp"
    from events
    where segment_preferences is not null
    union all
</#list>
<#list opt_out_traits?keys as trait>
    select sluice_id, '${opt_out_traits[trait]}',
        case json_extract_string(traits, '$."${trait}"') when 'true' then 'denied' when 'false' then 'granted' end,
        'trait ${trait}', "timestamp"
    from events
    where json_extract_string(traits, '$."${trait}"') is not null
    union all
</#list>
<#if crm?has_content>
    select g.sluice_id, '${crm.channel!"email"}',
        case when crm.${crm.opted_out} then 'denied' else 'granted' end,
        'crm ${crm.table}.${crm.opted_out}', crm.${crm.updated_at}
    from ${source(crm.source, crm.table)} crm
    join ${ref("id_graph")} g on g.id_type = 'email' and g.id = ${normalized_id("crm." + crm.email, "email")}
    where crm.${crm.opted_out} is not null
    union all
</#if>
    -- Keeps the union well-formed whatever is configured above; selects nothing.
    select null, null, null, null, null from ${ref("customer_events")} where false
)
select sluice_id, channel, status, source, signal_at
from signals
where status is not null and sluice_id is not null
