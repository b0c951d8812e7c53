<@config materialized="incremental" unique_key=["type_a", "id_a", "type_b", "id_b"] tags=["identity"] input_version=identity_input_version([[source("rudder", "events"), "received_at"]]) />
<#assign trait_ids = var("identity_trait_ids", ["email"])>
<#assign caps = var("identity_max_user_ids", {"email": 5, "anonymous_id": 10})>
-- Every pair of ids seen together, normalised, junk removed, one row per pair (ordered so that
-- (type_a, id_a) < (type_b, id_b)), with where it came from and when it was first seen.
-- Incremental: a run reads only the events received since the last one (one scan: each event's ids
-- and JSON read once, then one row per kind of link) and adds the pairs it has not seen; added_at
-- (the latest received_at among all events when it scanned them) marks them, so identity_links knows
-- the new links: a run scans only when a newer event has arrived, so each batch's added_at is later
-- than every earlier batch's.
-- Cardinality caps: an id of a capped type (vars identity_max_user_ids: an email on at most 5 user
-- ids, say) keeps its links to the first N user ids it was seen with; the others get a
-- rejected_reason and stay out of the graph (see identity_rejected_edges). A verdict, once given,
-- stays.
<#-- The calls as read: the payload (the whole event, the widest column) only of alias and merge calls, for the ids they
  link, one branch each, and the other calls without it. A scan reads a column only for the rows an equality on type
  keeps; DuckDB takes an IN list only as a hint, and would read the payload of every call. -->
<#assign read = "type, \"timestamp\", received_at, anonymous_id, user_id, traits, context">
<#assign none = "cast(null as varchar)">
<#-- Each branch: its previous_id, its merge_properties, the calls it reads. -->
<#assign branches = [
    [none + " as previous_id", none + " as merge_properties", "type is null or type not in ('alias', 'merge')"],
    ["json_extract_string(payload, '$.previousId')", none, "type = 'alias'"],
    [none, json_text("payload", ["mergeProperties"]), "type = 'merge'"]]>
<#assign calls><#list branches as branch>select ${read}, ${branch[0]}, ${branch[1]} from ${source("rudder", "events")} where ${branch[2]}<#sep> union all </#list></#assign>
with events as (
    select type, coalesce("timestamp", received_at) as seen_at, received_at,
        ${normalized_id("anonymous_id", "anonymous_id")} as anonymous_id,
        ${normalized_id("user_id", "user_id")} as user_id,
        ${normalized_id("previous_id", "user_id")} as previous_id,
        merge_properties<#list trait_ids as trait>,
        ${trait_id_fast(trait)} as trait_${trait?index}</#list>
    from (${calls}) as calls
    where ${identity_new_events("added_at")}
        -- Only these calls can link ids; anonymous page views (most traffic) are skipped unread.
        and (user_id is not null or type in ('alias', 'merge') or traits is not null<#list trait_ids as trait>
            or ${json_mentions("context", trait)}</#list>)
),
aliased_user_ids as (
    -- Previous ids of alias calls that were ever seen as a user id (in any event, old or new).
    select distinct ${normalized_id("user_id", "user_id")} as user_id
    from ${source("rudder", "events")}
    where trim(user_id) in (select previous_id from events where previous_id is not null)
),
links as (
    -- One row per event and kind of link: 1 both ids of a call, 2 alias, 3 merge, 4.. trait ids.
    select e.*, k.kind from events e cross join (values (1), (2), (3)<#list trait_ids as trait>, (${trait?index + 4})</#list>) as k(kind)
    where (k.kind = 1 and e.anonymous_id is not null and e.user_id is not null)
        or (k.kind = 2 and e.previous_id is not null)
        or (k.kind = 3 and e.merge_properties is not null)<#list trait_ids as trait>
        or (k.kind = ${trait?index + 4} and e.trait_${trait?index} is not null)</#list>
),
raw_pairs as (
    select
        case kind
            when 1 then 'anonymous_id'
            when 2 then case when a.user_id is not null then 'user_id' else 'anonymous_id' end
            when 3 then lower(json_extract_string(merge_properties, '$[0].type'))
            else case when l.user_id is not null then 'user_id' else 'anonymous_id' end
        end as type_a,
        case kind
            when 1 then l.anonymous_id
            when 2 then l.previous_id
            when 3 then json_extract_string(merge_properties, '$[0].value')
            else coalesce(l.user_id, l.anonymous_id)
        end as id_a,
        case kind
            when 1 then 'user_id' when 2 then 'user_id'
            when 3 then lower(json_extract_string(merge_properties, '$[1].type'))<#list trait_ids as trait>
            when ${trait?index + 4} then '${trait}'</#list>
        end as type_b,
        case kind
            when 1 then l.user_id when 2 then l.user_id
            when 3 then json_extract_string(merge_properties, '$[1].value')<#list trait_ids as trait>
            when ${trait?index + 4} then l.trait_${trait?index}</#list>
        end as id_b,
        seen_at,
        case kind when 1 then type when 2 then 'alias' when 3 then 'merge' else type end as via,
        kind
    from links l
    left join aliased_user_ids a on kind = 2 and a.user_id = l.previous_id
),
normalized as (
    -- Merge calls carry ids of any type, and trait ids come as sent, so these are normalised by their type
    -- here; the anonymous and user ids of a call were normalised as their own type above.
    select type_a,
        case when kind in (2, 3) then ${normalized_id_of_type("id_a", "type_a")} else id_a end as id_a,
        type_b,
        case when kind >= 3 then ${normalized_id_of_type("id_b", "type_b")} else id_b end as id_b,
        seen_at, via
    from raw_pairs
),
pairs as (
    -- Grouped by pair and call type first, then by pair: the same rows as a string_agg(distinct ...) in one
    -- grouping, without its second grouping and join. The call types are listed, then sorted: an ordered
    -- aggregate sorts within every group and costs DuckDB several times as much.
    select type_a, id_a, type_b, id_b, min(first_seen) as first_seen, array_to_string(list_sort(list(via)), ',') as seen_in
    from (
        select
            case when a_first then type_a else type_b end as type_a,
            case when a_first then id_a else id_b end as id_a,
            case when a_first then type_b else type_a end as type_b,
            case when a_first then id_b else id_a end as id_b,
            via,
            min(seen_at) as first_seen
        from (
            select *, (type_a < type_b or (type_a = type_b and id_a < id_b)) as a_first
            from normalized
            where id_a is not null and id_b is not null and type_a is not null and type_b is not null
                and not (type_a = type_b and id_a = id_b)
        ) oriented
        group by 1, 2, 3, 4, 5
    ) by_call_type
    group by type_a, id_a, type_b, id_b
),
new_pairs as (
<#if is_incremental()>
    select p.* from pairs p
    where not exists (select 1 from ${this} old where old.type_a = p.type_a and old.id_a = p.id_a
        and old.type_b = p.type_b and old.id_b = p.id_b)
<#else>
    select * from pairs
</#if>
),
capped_links as (
    -- Each new link between a capped id and a user id.
    select type_a, id_a, type_b, id_b, first_seen, type_a as capped_type, id_a as capped_id, id_b as user_id
    from new_pairs where type_b = 'user_id' and type_a in (<#list caps?keys as type>'${type}'<#sep>, </#list>)
    union all
    select type_a, id_a, type_b, id_b, first_seen, type_b, id_b, id_a
    from new_pairs where type_a = 'user_id' and type_b in (<#list caps?keys as type>'${type}'<#sep>, </#list>)
),
capped as (
    -- The new links of a capped id, numbered in the order the user ids appeared, after the links the id
    -- already keeps.
    select type_a, id_a, type_b, id_b, capped_type, capped_id,
        row_number() over (partition by capped_type, capped_id order by first_seen, user_id) as user_rank
    from capped_links
<#if !is_incremental()>
    -- On a full build only the ids with more links than their cap can lose one: the others (nearly all)
    -- are left out of the numbering, a sort of every link.
    where capped_id in (
        select capped_id from capped_links group by capped_type, capped_id
        having count(*) > case capped_type<#list caps?keys as type> when '${type}' then ${caps[type]}</#list> end
    )
</#if>
),
kept as (
<#if is_incremental()>
    select capped_type, capped_id, count(*) as user_ids
    from (
        select type_a as capped_type, id_a as capped_id from ${this}
        where rejected_reason is null and type_b = 'user_id' and type_a in (<#list caps?keys as type>'${type}'<#sep>, </#list>)
        union all
        select type_b, id_b from ${this}
        where rejected_reason is null and type_a = 'user_id' and type_b in (<#list caps?keys as type>'${type}'<#sep>, </#list>)
    ) old_links
    where capped_id in (select capped_id from capped)
    group by capped_type, capped_id
<#else>
    select type_a as capped_type, id_a as capped_id, 0 as user_ids from new_pairs where false
</#if>
)
select
    p.type_a, p.id_a, p.type_b, p.id_b, p.first_seen, p.seen_in,
    case
<#list caps?keys as type>
        when c.capped_type = '${type}' and c.user_rank + coalesce(k.user_ids, 0) > ${caps[type]}
            then 'the ${type} links more than ${caps[type]} user ids'
</#list>
    end as rejected_reason,
    (select max(received_at) from ${source("rudder", "events")}) as added_at
from new_pairs p
left join capped c on c.type_a = p.type_a and c.id_a = p.id_a and c.type_b = p.type_b and c.id_b = p.id_b
left join kept k on k.capped_type = c.capped_type and k.capped_id = c.capped_id
