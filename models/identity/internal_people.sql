<@config materialized="table" tags=["identity"] />
<#assign patterns = var("internal_email_patterns", [])>
-- People whose traffic is internal or test traffic, and why: an e-mail matching one of
-- var("internal_email_patterns") (LIKE patterns such as '%@yourcompany.com'), or any call carrying
-- the test_user property or trait. Profiles, audiences and consent leave these people out.
select sluice_id, min(reason) as reason
from (
<#if patterns?has_content>
    select sluice_id, 'internal e-mail ' || id as reason
    from ${ref("id_graph")}
    where id_type = 'email' and (<#list patterns as pattern>id like '${pattern?lower_case?replace("'", "''")}'<#sep> or </#list>)
    union all
</#if>
    select sluice_id, 'test_user' as reason
    from ${ref("identity_events")}
    where test_user
) flagged
where sluice_id is not null
group by sluice_id
