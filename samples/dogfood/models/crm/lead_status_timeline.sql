<@config materialized="table" tags=["crm"] />
-- Each lead's status over time, from the CRM's field history: one row per status a lead held, from
-- when it was set until the next change (ended_at is null for the status it holds now). With
-- vars.crm_source = 'salesforce' it reads the LeadHistory `sluice extract salesforce` lands;
-- otherwise the CRM seeds.
with changes as (
<#if var("crm_source", "seeds") == "salesforce">
    select lead_id, new_value as status, created_date as changed_at
    from ${source("salesforce", "lead_history")}
    where lower(field) = 'status' and not _sluice_deleted
<#else>
    select lead_id, new_value as status, changed_at
    from ${source("crm", "lead_history")}
    where lower(field) = 'status'
</#if>
)
select
    lead_id,
    status,
    changed_at as started_at,
    lead(changed_at) over (partition by lead_id order by changed_at) as ended_at,
    row_number() over (partition by lead_id order by changed_at desc) = 1 as is_current
from changes
