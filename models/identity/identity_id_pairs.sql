<@config materialized="table" tags=["identity"] />
<#assign trait_ids = var("identity_trait_ids", ["email"])>
<#assign caps = var("identity_max_user_ids", {"email": 5, "anonymous_id": 10})>
-- Every pair of ids seen together, normalised, junk removed, one row per pair (ordered so that
-- (type_a, id_a) < (type_b, id_b)), with where it came from and when it was first seen.
-- Cardinality caps: an id of a capped type (vars identity_max_user_ids: an email on at most 5 user
-- ids, say) keeps its links to the first N user ids it was seen with; the others get a
-- rejected_reason and stay out of the graph (see identity_rejected_edges).
with events as (
    select type, anonymous_id, user_id, coalesce("timestamp", received_at) as seen_at, traits, context, payload
    from ${source("rudder", "events")}
),
known_user_ids as (
    select distinct ${normalized_id("user_id", "user_id")} as user_id from events where user_id is not null
),
raw_pairs as (
    -- Any call with both ids: this device (anonymous id) was used by this user.
    select 'anonymous_id' as type_a, ${normalized_id("anonymous_id", "anonymous_id")} as id_a,
        'user_id' as type_b, ${normalized_id("user_id", "user_id")} as id_b, seen_at, type as via
    from events
    where anonymous_id is not null and user_id is not null
    union all
    -- alias(userId, previousId): the previous id is a user id if one was ever seen, else an anonymous id.
    select case when k.user_id is not null then 'user_id' else 'anonymous_id' end, a.previous_id,
        'user_id', ${normalized_id("a.user_id", "user_id")}, a.seen_at, 'alias'
    from (
        select ${normalized_id("json_extract_string(payload, '$.previousId')", "user_id")} as previous_id, user_id,
            seen_at
        from events
        where type = 'alias'
    ) a
    left join known_user_ids k on k.user_id = a.previous_id
    union all
    -- merge (RudderStack): mergeProperties holds two ids with their types.
    select lower(json_extract_string(payload, '$.mergeProperties[0].type')),
        json_extract_string(payload, '$.mergeProperties[0].value'),
        lower(json_extract_string(payload, '$.mergeProperties[1].type')),
        json_extract_string(payload, '$.mergeProperties[1].value'), seen_at, 'merge'
    from events
    where type = 'merge'
<#list trait_ids as trait>
    union all
    -- The ${trait} trait: the user (or, before sign-in, the device) has this ${trait}.
    select case when ${normalized_id("user_id", "user_id")} is not null then 'user_id' else 'anonymous_id' end,
        coalesce(${normalized_id("user_id", "user_id")}, anonymous_id), '${trait}', ${trait_id(trait)}, seen_at, type
    from events
    where ${trait_id(trait)} is not null
</#list>
),
normalized as (
    -- Merge calls carry ids of any type, so these are normalised by their type here.
    select type_a, ${normalized_id_of_type("id_a", "type_a")} as id_a, type_b,
        ${normalized_id_of_type("id_b", "type_b")} as id_b, seen_at, via
    from raw_pairs
),
pairs as (
    select
        case when a_first then type_a else type_b end as type_a,
        case when a_first then id_a else id_b end as id_a,
        case when a_first then type_b else type_a end as type_b,
        case when a_first then id_b else id_a end as id_b,
        min(seen_at) as first_seen,
        string_agg(distinct via, ',' order by via) as seen_in
    from (
        select *, (type_a < type_b or (type_a = type_b and id_a < id_b)) as a_first
        from normalized
        where id_a is not null and id_b is not null and type_a is not null and type_b is not null
            and not (type_a = type_b and id_a = id_b)
    ) oriented
    group by 1, 2, 3, 4
),
capped as (
    -- Each link between a capped id and a user id, numbered in the order the user ids appeared.
    select type_a, id_a, type_b, id_b, capped_type, capped_id,
        row_number() over (partition by capped_type, capped_id order by first_seen, user_id) as user_rank
    from (
        select type_a, id_a, type_b, id_b, first_seen, type_a as capped_type, id_a as capped_id, id_b as user_id
        from pairs where type_b = 'user_id' and type_a in (<#list caps?keys as type>'${type}'<#sep>, </#list>)
        union all
        select type_a, id_a, type_b, id_b, first_seen, type_b, id_b, id_a
        from pairs where type_a = 'user_id' and type_b in (<#list caps?keys as type>'${type}'<#sep>, </#list>)
    ) links
)
select
    p.type_a, p.id_a, p.type_b, p.id_b, p.first_seen, p.seen_in,
    case
<#list caps?keys as type>
        when c.capped_type = '${type}' and c.user_rank > ${caps[type]}
            then 'the ${type} links more than ${caps[type]} user ids'
</#list>
    end as rejected_reason
from pairs p
left join capped c on c.type_a = p.type_a and c.id_a = p.id_a and c.type_b = p.type_b and c.id_b = p.id_b
