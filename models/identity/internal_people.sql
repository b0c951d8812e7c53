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
    select coalesce(by_user.sluice_id, by_device.sluice_id) as sluice_id, 'test_user' as reason
    from ${source("rudder", "events")} e
    left join ${ref("id_graph")} by_user
        on by_user.id_type = 'user_id' and by_user.id = ${normalized_id("e.user_id", "user_id")}
    left join ${ref("id_graph")} by_device
        on by_device.id_type = 'anonymous_id' and by_device.id = ${normalized_id("e.anonymous_id", "anonymous_id")}
    where coalesce(try_cast(json_extract_string(e.properties, '$.test_user') as boolean),
        try_cast(json_extract_string(e.traits, '$.test_user') as boolean),
        try_cast(json_extract_string(e.context, '$.traits.test_user') as boolean), false)
) flagged
where sluice_id is not null
group by sluice_id
