-- Sluice's analytics corpus: realistic DuckDB models over ShopCatalog's tables, loaded with
-- analytics-corpus-data.sql. Queries are separated by lines of four dashes; each starts with a comment
-- naming it. Expected results, recorded from DuckDB, are in analytics-corpus.expected.
-- sessions_30min
with ordered as (
  select anonymous_id, received_at,
         lag(received_at) over (partition by anonymous_id order by received_at) as previous_at
  from rudder.pages
), flagged as (
  select *, case when previous_at is null or received_at > previous_at + interval '30 minutes' then 1 else 0 end as is_new
  from ordered
)
select anonymous_id, received_at, sum(is_new) over (partition by anonymous_id order by received_at
       rows between unbounded preceding and current row) as session_number
from flagged
----
-- sessions_10min_counts
with gaps as (
  select anonymous_id, received_at,
         coalesce(date_diff('minute', lag(received_at) over (partition by anonymous_id order by received_at), received_at), 9999) as gap
  from rudder.tracks
)
select anonymous_id, count(*) filter (where gap > 10) as sessions, count(*) as events
from gaps group by all
----
-- sessions_60min_counts
with gaps as (
  select anonymous_id, received_at,
         coalesce(date_diff('minute', lag(received_at) over (partition by anonymous_id order by received_at), received_at), 9999) as gap
  from rudder.tracks
)
select anonymous_id, count(*) filter (where gap > 60) as sessions, count(*) as events
from gaps group by all
----
-- session_durations
with gaps as (
  select anonymous_id, received_at,
         received_at - lag(received_at) over (partition by anonymous_id order by received_at) as gap
  from rudder.pages
), s as (
  select anonymous_id, received_at,
         sum(case when gap <= interval '30' minute then 0 else 1 end)
           over (partition by anonymous_id order by received_at) as session_id
  from gaps
)
select anonymous_id, session_id, min(received_at) as started_at, max(received_at) as ended_at, count(*) as pageviews
from s group by anonymous_id, session_id
----
-- session_landing_pages
select anonymous_id, url as landing_url, referrer
from rudder.pages
qualify row_number() over (partition by anonymous_id order by received_at) = 1
----
-- session_exit_pages
select distinct on (anonymous_id) anonymous_id, url as exit_url
from rudder.pages
order by anonymous_id, received_at desc
----
-- pages_per_visitor_day
select anonymous_id, cast(received_at as date) as day, count(*) as pageviews, count(distinct url) as unique_pages
from rudder.pages group by all
----
-- first_touch_source
select anonymous_id, regexp_extract(context_page_url, 'utm_source=([^&]+)', 1) as source
from rudder.tracks
where context_page_url like '%utm_source=%'
qualify row_number() over (partition by anonymous_id order by received_at) = 1
----
-- last_touch_source
select anonymous_id, regexp_extract(context_page_url, 'utm_source=([^&]+)', 1) as source
from rudder.tracks
where regexp_matches(context_page_url, 'utm_source=')
qualify row_number() over (partition by anonymous_id order by received_at desc) = 1
----
-- campaign_revenue_last_touch
with touches as (
  select anonymous_id, received_at, regexp_extract(context_page_url, 'utm_campaign=([^&]+)', 1) as campaign
  from rudder.tracks where context_page_url like '%utm_campaign=%'
), conversions as (
  select anonymous_id, received_at, cast(properties->>'revenue' as decimal(12, 2)) as revenue
  from rudder.tracks where event = 'Order Completed'
)
select t.campaign, sum(c.revenue) as revenue, count(*) as conversions
from conversions c join touches t on t.anonymous_id = c.anonymous_id and t.received_at <= c.received_at
group by t.campaign
----
-- linear_attribution
with touches as (
  select t.anonymous_id, regexp_extract(t.context_page_url, 'utm_source=([^&]+)', 1) as source
  from rudder.tracks t where t.context_page_url like '%utm_source=%'
), weights as (
  select anonymous_id, source, 1.0 / count(*) over (partition by anonymous_id) as weight from touches
)
select source, round(sum(weight), 2) as credit from weights group by source
----
-- referrer_domains
select coalesce(regexp_extract(referrer, 'https?://([^/]+)', 1), '(direct)') as referrer_domain, count(*) as visits
from rudder.pages group by 1
----
-- utm_parameters
select id,
       nullif(regexp_extract(context_page_url, 'utm_source=([^&]+)', 1), '') as utm_source,
       nullif(regexp_extract(context_page_url, 'utm_campaign=([^&]+)', 1), '') as utm_campaign
from rudder.tracks
----
-- dedup_tracks_by_id
select * from rudder.tracks
qualify row_number() over (partition by id order by received_at desc) = 1
----
-- latest_email_per_user
select user_id, email, received_at from rudder.identifies
qualify row_number() over (partition by user_id order by received_at desc) = 1
----
-- latest_traits_per_user
select user_id, json_extract_string(traits, '$.plan') as plan, json_extract_string(traits, '$.company') as company
from rudder.identifies
qualify rank() over (partition by user_id order by received_at desc) = 1
----
-- first_order_per_user
select user_id, order_id, amount from orders
qualify row_number() over (partition by user_id order by created_at) = 1
----
-- distinct_on_latest_order
select distinct on (user_id) user_id, order_id, status, created_at from orders order by user_id, created_at desc
----
-- dedup_identity_graph
select anonymous_id, user_id from identity_graph
qualify count(*) over (partition by anonymous_id) = 1
----
-- funnel_counts
select count(distinct anonymous_id) filter (where event = 'Product Viewed') as viewed,
       count(distinct anonymous_id) filter (where event = 'Product Added') as added,
       count(distinct anonymous_id) filter (where event = 'Order Completed') as completed
from rudder.tracks
----
-- funnel_ordered_steps
with steps as (
  select anonymous_id,
         min(received_at) filter (where event = 'Product Viewed') as viewed_at,
         min(received_at) filter (where event = 'Product Added') as added_at,
         min(received_at) filter (where event = 'Order Completed') as completed_at
  from rudder.tracks group by anonymous_id
)
select count(*) as visitors,
       count(*) filter (where added_at > viewed_at) as added_after_view,
       count(*) filter (where completed_at > added_at) as completed_after_add
from steps
----
-- funnel_conversion_rates
with f as (
  select count(distinct anonymous_id) filter (where event = 'Product Viewed') as viewed,
         count(distinct anonymous_id) filter (where event = 'Order Completed') as completed
  from rudder.tracks
)
select viewed, completed, round(completed * 100.0 / nullif(viewed, 0), 1) as conversion_pct from f
----
-- time_to_product_added
with v as (select anonymous_id, min(received_at) as viewed_at from rudder.tracks where event = 'Product Viewed' group by 1),
     s as (select anonymous_id, min(received_at) as step_at from rudder.tracks where event = 'Product Added' group by 1)
select v.anonymous_id, date_diff('minute', v.viewed_at, s.step_at) as minutes_to_step
from v join s using (anonymous_id)
----
-- time_to_order_completed
with v as (select anonymous_id, min(received_at) as viewed_at from rudder.tracks where event = 'Product Viewed' group by 1),
     s as (select anonymous_id, min(received_at) as step_at from rudder.tracks where event = 'Order Completed' group by 1)
select v.anonymous_id, date_diff('minute', v.viewed_at, s.step_at) as minutes_to_step
from v join s using (anonymous_id)
----
-- funnel_by_day
select cast(received_at as date) as day, event, count(*) as events
from rudder.tracks where event in ('Product Viewed', 'Product Added', 'Order Completed')
group by all
----
-- cart_abandonment
select a.anonymous_id, a.received_at as added_at
from rudder.tracks a
where a.event = 'Product Added'
  and not exists (select 1 from rudder.tracks c where c.anonymous_id = a.anonymous_id
                  and c.event = 'Order Completed' and c.received_at > a.received_at)
----
-- monthly_cohorts
with first_orders as (select user_id, min(created_at) as first_at from orders group by user_id)
select date_trunc('month', f.first_at) as cohort,
       date_diff('month', date_trunc('month', f.first_at), date_trunc('month', o.created_at)) as month_number,
       count(distinct o.user_id) as active_users
from first_orders f join orders o on o.user_id = f.user_id
group by all
----
-- signup_cohort_sizes
select date_trunc('week', signed_up_at) as cohort_week, country, count(*) as signups
from users group by all
----
-- cohort_revenue
with c as (select user_id, date_trunc('month', min(created_at)) as cohort from orders group by user_id)
select c.cohort, sum(o.amount) as revenue, sum(o.amount) / count(distinct o.user_id) as revenue_per_user
from c join orders o using (user_id) where o.status = 'paid' group by c.cohort
----
-- retention_week_over_week
with weeks as (select distinct user_id, date_trunc('week', received_at) as week from rudder.tracks where user_id is not null)
select w1.week, count(distinct w1.user_id) as active, count(distinct w2.user_id) as retained
from weeks w1 left join weeks w2 on w2.user_id = w1.user_id and w2.week = w1.week + interval '7 days'
group by w1.week
----
-- days_to_first_order
select u.user_id, date_diff('day', u.signed_up_at, min(o.created_at)) as days_to_first_order
from users u join orders o on o.user_id = u.user_id group by u.user_id, u.signed_up_at
----
-- json_product_views
select id, properties->>'product_id' as product_id, cast(properties->>'price' as decimal(10, 2)) as price
from rudder.tracks where event = 'Product Viewed'
----
-- json_extract_nested
select id, json_extract_string(properties, '$.items[0].sku') as first_sku
from rudder.tracks where json_extract(properties, '$.items') is not null
----
-- json_plan_mix
select coalesce(properties->>'plan', 'unknown') as plan, count(*) as events from rudder.tracks group by 1
----
-- json_traits
select user_id, traits->>'company' as company, json_type(traits) as kind, json_valid(traits) as valid
from rudder.identifies
----
-- json_arrow_in_where
select id from rudder.tracks where properties->>'plan' = 'pro' and (properties->'product_id') is not null
----
-- json_revenue_by_plan
select properties->>'plan' as plan, sum(try_cast(properties->>'revenue' as decimal(12, 2))) as revenue
from rudder.tracks where event = 'Order Completed' group by all
----
-- json_keys_count
select id, json_array_length(json_extract(properties, '$.items')) as items from rudder.tracks where properties->>'items' is not null
----
-- scd2_email_history
select user_id, email, received_at as valid_from,
       lead(received_at) over (partition by user_id order by received_at) as valid_to,
       lead(received_at) over (partition by user_id order by received_at) is null as is_current
from rudder.identifies
----
-- scd2_plan_history
with changes as (
  select user_id, traits->>'plan' as plan, received_at,
         lag(traits->>'plan') over (partition by user_id order by received_at) as previous_plan
  from rudder.identifies
)
select user_id, plan, received_at as valid_from,
       coalesce(lead(received_at) over (partition by user_id order by received_at), timestamp '9999-12-31 00:00:00') as valid_to
from changes where previous_plan is null or previous_plan <> plan
----
-- scd2_point_in_time
with history as (
  select user_id, email, received_at as valid_from,
         coalesce(lead(received_at) over (partition by user_id order by received_at), timestamp '9999-12-31') as valid_to
  from rudder.identifies
)
select o.order_id, h.email as email_at_order
from orders o join history h on h.user_id = o.user_id and o.created_at >= h.valid_from and o.created_at < h.valid_to
----
-- scd2_current_rows
select * exclude (anonymous_id) from rudder.identifies
qualify received_at = max(received_at) over (partition by user_id)
----
-- running_revenue
select order_id, created_at, amount, sum(amount) over (order by created_at rows between unbounded preceding and current row) as running
from orders
----
-- moving_average_3
select order_id, avg(amount) over (order by created_at rows between 2 preceding and current row) as moving_avg from orders
----
-- range_frame_7_days
select order_id, count(*) over (partition by user_id order by created_at range between interval 7 days preceding and current row) as orders_7d
from orders
----
-- ntile_buckets
select user_id, lifetime_value, ntile(2) over (order by lifetime_value) as half from users
----
-- percent_rank_orders
select order_id, round(percent_rank() over (order by amount), 2) as pct, cume_dist() over (order by amount) as cume from orders
----
-- first_last_value
select distinct user_id,
       first_value(status) over (partition by user_id order by created_at rows between unbounded preceding and unbounded following) as first_status,
       last_value(status) over (partition by user_id order by created_at rows between unbounded preceding and unbounded following) as last_status
from orders
----
-- lag_lead_amounts
select order_id, amount - lag(amount, 1, 0) over (partition by user_id order by created_at) as change,
       lead(created_at) over (partition by user_id order by created_at) as next_order_at
from orders
----
-- dense_rank_products
select properties->>'product_id' as product_id, count(*) as views, dense_rank() over (order by count(*) desc) as rank
from rudder.tracks where event = 'Product Viewed' group by 1
----
-- named_window
select order_id, sum(amount) over w as total, count(*) over w as n
from orders window w as (partition by user_id)
----
-- share_of_user_revenue
select order_id, user_id, amount / sum(amount) over (partition by user_id) as share from orders where status = 'paid'
----
-- all_touchpoints
select anonymous_id, received_at, 'track' as kind from rudder.tracks
union all select anonymous_id, received_at, 'page' from rudder.pages
union all select anonymous_id, received_at, 'identify' from rudder.identifies
----
-- known_users_union
select user_id from rudder.tracks where user_id is not null
union select user_id from rudder.identifies
----
-- users_without_events
select user_id from users except select user_id from rudder.tracks where user_id is not null
----
-- users_with_both
select user_id from orders intersect select user_id from rudder.identifies
----
-- union_with_order_limit
(select user_id, amount from orders where status = 'paid' order by amount desc limit 2)
union all
(select user_id, 0 from users where lifetime_value = 0)
----
-- identity_stitching
select t.id, coalesce(t.user_id, g.user_id, t.anonymous_id) as resolved_id
from rudder.tracks t left join identity_graph g on g.anonymous_id = t.anonymous_id
----
-- profile_summary
select u.user_id, u.email, count(o.order_id) as orders, coalesce(sum(o.amount), 0) as revenue, max(o.created_at) as last_order_at
from users u left join orders o on o.user_id = u.user_id group by all
----
-- rfm_segments
with rfm as (
  select user_id, max(created_at) as last_at, count(*) as frequency, sum(amount) as monetary
  from orders where status = 'paid' group by user_id
)
select user_id,
       case when monetary >= 100 then 'high' when monetary >= 20 then 'mid' else 'low' end as value_segment,
       frequency
from rfm
----
-- audience_active_buyers
select u.user_id, u.email from users u
where u.is_active and u.user_id in (select user_id from orders where status = 'paid')
----
-- audience_lapsed
select user_id, max(created_at) as last_order_at from orders group by user_id
having max(created_at) < timestamp '2024-05-01'
----
-- consent_opt_out
select u.user_id, coalesce(c.opted_out, false) as opted_out
from users u left join (select user_id, bool_or(event = 'Opted Out') as opted_out from rudder.tracks group by user_id) c
  on c.user_id = u.user_id
----
-- email_domains
select lower(split_part(email, '@', 2)) as domain, count(*) as users from users where email ilike '%@%' group by 1
----
-- sync_payload_hubspot
select user_id as id, email, {'country': country, 'ltv': lifetime_value} as properties from users where email is not null
----
-- country_breakdown
select country, count(*) as users, avg(lifetime_value) as avg_ltv, median(lifetime_value) as median_ltv
from users group by rollup (country)
----
-- grouping_sets_status
select status, user_id, sum(amount) as revenue from orders group by grouping sets ((status), (user_id), ())
----
-- daily_revenue
select cast(created_at as date) as day, sum(amount) filter (where status = 'paid') as revenue,
       count(*) as orders from orders group by all
----
-- monthly_revenue_pivot_like
select date_trunc('month', created_at) as month,
       sum(case when status = 'paid' then amount else 0 end) as paid,
       sum(case when status = 'refunded' then amount else 0 end) as refunded
from orders group by 1
----
-- coupon_usage
select coalesce(coupon, '(none)') as coupon, count(*) as orders, string_agg(cast(order_id as varchar), ',' order by order_id) as order_ids
from orders group by 1
----
-- listagg_statuses
select user_id, listagg(status, '|' order by created_at) as statuses from orders group by user_id
----
-- order_tags_unnested
select order_id, unnest(tags) as tag from orders
----
-- order_tags_cross_join
select o.order_id, t.tag from orders o, unnest(o.tags) as t(tag)
----
-- tag_counts
select tag, count(*) as orders from (select unnest(tags) as tag from orders) group by tag
----
-- first_tag_and_size
select order_id, tags[1] as first_tag, len(tags) as tag_count, list_contains(tags, 'promo') as is_promo from orders
----
-- tags_as_text
select order_id, array_to_string(list_sort(tags), ', ') as tags_text from orders where tags is not null
----
-- order_value_bands
select order_id, amount // 50 as band, item_count // 2 as pairs from orders
----
-- percentiles
select percentile_cont(0.5) within group (order by amount) as p50, quantile_cont(amount, 0.9) as p90 from orders
----
-- arg_max_status
select user_id, arg_max(status, created_at) as latest_status, arg_min(amount, created_at) as first_amount from orders group by all
----
-- mode_country
select mode(country) as top_country, count(distinct country) as countries from users
----
-- average_basket
select avg(item_count) as avg_items, avg(amount / item_count) as avg_item_price from orders where item_count > 0
----
-- refund_rate
select round(count(*) filter (where status = 'refunded') * 1.0 / count(*), 3) as refund_rate from orders
----
-- orders_with_due_dates
select order_id, cast(created_at as date) + 14 as due_date, cast(created_at as date) - 1 as day_before from orders
----
-- orders_last_30_days_of_data
select order_id from orders where created_at > timestamp '2024-05-10 16:00:00' - interval '30 days'
----
-- order_hours
select extract(hour from created_at) as hour, dayname(created_at) as weekday, count(*) as orders from orders group by all
----
-- order_epochs
select order_id, epoch(created_at) as epoch_s, strftime(created_at, '%Y-%m') as month from orders
----
-- time_buckets
select time_bucket(interval '1 day', received_at) as bucket, count(*) as events from rudder.tracks group by 1
----
-- utc_conversion
select id, "timestamp" at time zone 'UTC' as local_utc from rudder.tracks
----
-- greatest_least
select user_id, greatest(lifetime_value, 10) as floor_ltv, least(lifetime_value, 100) as capped_ltv from users
----
-- case_segments
select user_id, case when lifetime_value >= 100 then 'vip' when lifetime_value > 0 then 'regular' else 'new' end as segment from users
----
-- null_handling
select user_id, coalesce(email, 'unknown') as email, nullif(country, 'FR') as country_not_fr, email is null as missing_email from users
----
-- string_functions
select user_id, upper(country) as cc, length(email) as email_length, starts_with(email, 'ann') as is_ann,
       replace(email, '@', ' at ') as spoken from users where email is not null
----
-- regexp_replace_urls
select id, regexp_replace(url, '\?.*$', '') as clean_url from rudder.pages
----
-- url_paths
select regexp_extract(url, 'https?://[^/]+(/[^?]*)', 1) as path, count(*) as views from rudder.pages group by 1
----
-- exists_subquery
select user_id from users u where exists (select 1 from orders o where o.user_id = u.user_id and o.amount > 100)
----
-- scalar_subquery
select order_id, amount, (select avg(amount) from orders) as avg_amount from orders
----
-- correlated_subquery
select o.order_id, (select count(*) from orders o2 where o2.user_id = o.user_id and o2.created_at < o.created_at) as prior_orders
from orders o
----
-- lateral_subquery
select u.user_id, l.last_amount
from users u, lateral (select amount as last_amount from orders o where o.user_id = u.user_id order by created_at desc limit 1) l
----
-- recursive_calendar
with recursive days(d) as (select date '2024-03-01' union all select d + 1 from days where d < date '2024-03-07')
select d as day from days
----
-- calendar_joined
with recursive days(d) as (select date '2024-03-01' union all select d + 1 from days where d < date '2024-03-05')
select days.d as day, count(t.id) as events
from days left join rudder.tracks t on cast(t.received_at as date) = days.d group by days.d
----
-- values_lookup
select o.order_id, s.label from orders o join (values ('paid', 'Paid'), ('refunded', 'Refunded')) as s(status, label) on s.status = o.status
----
-- in_list_filter
select order_id from orders where status in ('paid', 'refunded') and user_id not in ('u4')
----
-- between_filter
select order_id from orders where created_at between timestamp '2024-03-01' and timestamp '2024-03-31' and amount between 10 and 100
----
-- having_filter
select user_id, count(*) as orders from orders group by user_id having count(*) > 1
----
-- limit_offset
select order_id, amount from orders order by amount desc limit 3 offset 1
----
-- star_exclude_join
select o.* exclude (tags, coupon), u.country from orders o join users u using (user_id)
----
-- self_join_repeat_buyers
select distinct a.user_id from orders a join orders b on a.user_id = b.user_id and a.order_id < b.order_id
----
-- full_outer_join
select coalesce(u.user_id, o.user_id) as user_id, o.order_id from users u full outer join orders o on o.user_id = u.user_id
----
-- list_literal_filter
select order_id from orders where list_has_any(tags, ['promo', 'b2b'])
----
-- struct_field_access
select s.info.country as country from (select {'country': country, 'active': is_active} as info from users) s
----
-- count_distinct_pairs
select count(distinct anonymous_id) as visitors, count(distinct user_id) as users, approx_count_distinct(anonymous_id) as approx_visitors
from rudder.tracks
----
-- bool_aggregates
select user_id, bool_and(status = 'paid') as all_paid, bool_or(coupon is not null) as used_coupon from orders group by user_id
----
-- list_aggregate
select user_id, array_agg(order_id order by order_id) as order_ids from orders group by user_id
----
-- date_parts
select order_id, date_part('year', created_at) as year, extract(month from created_at) as month, dayofweek(created_at) as dow from orders
----
-- datediff_variants
select order_id, datediff('day', created_at, timestamp '2024-06-01') as days_left, date_diff('hour', created_at, timestamp '2024-06-01') as hours_left from orders
----
-- intervals_in_strings
select order_id, created_at + interval '1 day 2 hours' as follow_up_at, created_at - interval '2 weeks' as two_weeks_before from orders
----
-- last_day_and_make_date
select order_id, last_day(created_at) as month_end, make_date(2024, 12, 31) as year_end from orders
----
-- try_cast_prices
select id, try_cast(properties->>'price' as double) as price, try_cast('x' as integer) as bad from rudder.tracks
----
-- cast_shorthand
select order_id::varchar as order_key, amount::double as amount_d, created_at::date as day from orders
----
-- pivot_revenue_by_status
pivot orders on status in ('paid', 'refunded', 'cancelled') using sum(amount) group by user_id
order by user_id
----
-- pivot_orders_and_revenue_by_status
pivot (select user_id, status, amount, order_id from orders) on status in ('paid' as settled, 'refunded')
using count(order_id) as orders, sum(amount) as revenue
group by user_id
----
-- pivot_without_group_by
pivot (select user_id, status, item_count from orders) on status in ('paid', 'refunded') using max(item_count)
----
-- pivot_status_counts_in_cte
with counts as (
  pivot orders on status in ('paid', 'cancelled') using count(*), sum(amount) group by user_id
)
select u.country, sum(c."paid_count_star()") as paid_orders, sum(c."paid_sum(amount)") as paid_revenue
from counts c join users u on u.user_id = c.user_id
group by u.country
----
-- unpivot_user_contact_fields
unpivot (select user_id, email, country from users) on email, country into name field value val
----
-- unpivot_default_names
unpivot (select order_id, user_id, status from orders) on user_id, status
----
-- union_by_name_activity
select user_id, received_at as at, event from rudder.tracks where user_id is not null
union all by name
select url, received_at as at, user_id from rudder.pages where user_id is not null
----
-- union_by_name_distinct_people
select user_id, email from users
union by name
select email, user_id, received_at from rudder.identifies
----
-- slices_of_strings_and_lists
select order_id, status[1:3] as status_prefix, status[:2] as status_start, status[3:] as status_rest,
       tags[1:1] as first_tag, tags[2:] as other_tags, coupon[:4] as coupon_prefix
from orders
----
-- list_lambdas
select order_id,
       list_transform(tags, lambda t: upper(t)) as upper_tags,
       list_filter(tags, lambda t: t like 'p%') as p_tags,
       list_reduce(tags, lambda acc, t: acc || '+' || t, 'tags') as joined_tags,
       apply(tags, lambda t, i: i || ':' || t) as numbered_tags,
       list_transform([item_count, item_count * 2], lambda n: n * 1.5) as scaled
from orders
----
-- lambda_filter_in_where
select order_id, len(filter(tags, lambda t: t <> 'promo')) as non_promo
from orders
where len(list_filter(tags, lambda t: starts_with(t, 'p'))) > 0

----
-- modulo_spreads
select order_id, order_id % item_count as spread, amount % 7 as amount_mod_7, item_count % 2.5 as half_steps
from orders
where item_count > 0
----
-- rounded_amounts
select o.order_id, round(o.amount, -2) as hundreds, round(o.amount, 1) as dimes, round(o.amount) as whole,
       round(u.lifetime_value, 2) as ltv
from orders o join users u on u.user_id = o.user_id
----
-- json_type_by_path
select id, json_type(properties, '$.plan') as plan_type, json_type(properties) as properties_type
from rudder.tracks
----
-- calendar_from_generate_series
select gs::date as day, count(o.order_id) as orders
from generate_series(date '2024-03-01', date '2024-03-07', interval 1 day) as days(gs)
left join orders o on cast(o.created_at as date) = gs::date
group by 1
----
-- numbers_from_generate_series
select generate_series as n, generate_series * generate_series as square from generate_series(1, 5)
----
-- coupon_parts_unnested
select order_id, unnest(string_split(coupon, '-')) as part
from orders
where coupon is not null
----
-- duckdb_type_names_in_casts
select order_id, item_count::int8 as items, amount::decimal as amount_18_3, amount::float4 as amount_real,
       tags::text[] as tag_list, created_at::datetime as created, '2 days'::interval as grace
from orders
----
-- follow_up_times_from_dates
select user_id, signed_up_at::date + interval '30 minutes' as first_check,
       signed_up_at::date + interval 7 day as week_later, signed_up_at::date - interval '1 month' as month_before
from users
----
-- funnel_step_times_per_visitor
with steps as (
  select anonymous_id,
         min(received_at) filter (where event = 'Product Viewed') as viewed_at,
         min(received_at) filter (where event = 'Product Added') as added_at,
         min(received_at) filter (where event = 'Order Completed') as completed_at
  from rudder.tracks
  group by anonymous_id
)
select anonymous_id, viewed_at, added_at, completed_at,
       date_diff('minute', viewed_at, added_at) as minutes_to_cart,
       date_diff('minute', added_at, completed_at) as minutes_to_order
from steps
where viewed_at is not null
----
-- funnel_by_utm_source
select coalesce(nullif(regexp_extract(context_page_url, 'utm_source=([^&]+)', 1), ''), 'direct') as source,
       count(distinct anonymous_id) filter (where event = 'Product Viewed') as viewers,
       count(distinct anonymous_id) filter (where event = 'Order Completed') as buyers
from rudder.tracks
group by 1
order by viewers desc
----
-- funnel_product_add_rate
with views as (
  select anonymous_id, properties ->> 'product_id' as product_id from rudder.tracks where event = 'Product Viewed'
), adds as (
  select anonymous_id, properties ->> 'product_id' as product_id from rudder.tracks where event = 'Product Added'
)
select v.product_id, count(distinct v.anonymous_id) as viewers, count(distinct a.anonymous_id) as adders,
       count(distinct a.anonymous_id) / count(distinct v.anonymous_id) as add_rate
from views v
left join adds a on a.anonymous_id = v.anonymous_id and a.product_id = v.product_id
group by v.product_id
----
-- funnel_daily_event_columns
select cast(received_at as date) as day,
       count(*) filter (where event = 'Product Viewed') as views,
       count(*) filter (where event = 'Product Added') as adds,
       count(*) filter (where event = 'Order Completed') as orders
from rudder.tracks
group by all
----
-- sessions_per_day
with marked as (
  select anonymous_id, received_at,
         case when lag(received_at) over (partition by anonymous_id order by received_at) is null
                or date_diff('minute', lag(received_at) over (partition by anonymous_id order by received_at), received_at) > 30
              then 1 else 0 end as starts_session
  from rudder.pages
)
select cast(received_at as date) as day, sum(starts_session) as sessions, count(*) as pageviews
from marked
group by all
order by day
----
-- sessions_with_conversion
with marked as (
  select anonymous_id, received_at, event,
         case when date_diff('minute', lag(received_at) over (partition by anonymous_id order by received_at), received_at) <= 30
              then 0 else 1 end as starts_session
  from rudder.tracks
), numbered as (
  select *, sum(starts_session) over (partition by anonymous_id order by received_at
                                      rows between unbounded preceding and current row) as session_index
  from marked
)
select anonymous_id, session_index, min(received_at) as started_at, max(received_at) as ended_at,
       count(*) as events, bool_or(event = 'Order Completed') as converted
from numbered
group by anonymous_id, session_index
----
-- json_order_revenue_by_plan
select coalesce(properties ->> 'plan', 'unknown') as plan, count(*) as orders,
       sum(cast(properties ->> 'revenue' as decimal(12, 2))) as revenue
from rudder.tracks
where event = 'Order Completed'
group by all
----
-- json_product_view_counts
select json_extract_string(properties, '$.product_id') as product_id, count(*) as views,
       count(distinct anonymous_id) as viewers
from rudder.tracks
where event = 'Product Viewed'
group by 1
----
-- json_first_item_sku
select id, json_extract_string(properties, '$.items[0].sku') as first_sku
from rudder.tracks
where json_extract_string(properties, '$.items[0].sku') is not null
----
-- json_latest_company_per_user
select user_id, lower(trim(email)) as email, traits ->> 'company' as company
from rudder.identifies
qualify row_number() over (partition by user_id order by received_at desc) = 1
----
-- cohort_weeks_since_signup
select date_trunc('week', u.signed_up_at) as cohort_week,
       date_diff('day', u.signed_up_at, o.created_at) // 7 as weeks_since_signup,
       count(distinct o.user_id) as active_buyers
from users u
join orders o on o.user_id = u.user_id
where o.status = 'paid'
group by all
----
-- cohort_revenue_per_user
select date_trunc('month', u.signed_up_at) as cohort_month, count(distinct u.user_id) as users,
       coalesce(sum(o.amount) filter (where o.status = 'paid'), 0) as revenue,
       round(coalesce(sum(o.amount) filter (where o.status = 'paid'), 0) / count(distinct u.user_id), 2) as revenue_per_user
from users u
left join orders o on o.user_id = u.user_id
group by 1
----
-- window_order_sequence
select user_id, order_id, created_at,
       row_number() over (partition by user_id order by created_at) as order_number,
       sum(amount) over (partition by user_id order by created_at rows between unbounded preceding and current row) as cumulative_spend,
       created_at - lag(created_at) over (partition by user_id order by created_at) as since_previous
from orders
----
-- window_daily_revenue_frames
select cast(created_at as date) as day, sum(amount) as revenue,
       sum(sum(amount)) over (order by cast(created_at as date) rows between 6 preceding and current row) as revenue_7_rows,
       avg(sum(amount)) over (order by cast(created_at as date) rows between 2 preceding and 2 following) as centered_avg
from orders
where status = 'paid'
group by 1
----
-- window_share_of_orders
select status, count(*) as orders, round(100.0 * count(*) / sum(count(*)) over (), 1) as pct_of_orders
from orders
group by status
----
-- window_top_products
select properties ->> 'product_id' as product_id, count(*) as views,
       dense_rank() over (order by count(*) desc) as popularity
from rudder.tracks
where event = 'Product Viewed'
group by 1
qualify dense_rank() over (order by count(*) desc) <= 2
----
-- rollup_revenue_country_status
select coalesce(u.country, 'all') as country, coalesce(o.status, 'all') as status,
       count(*) as orders, sum(o.amount) as revenue, grouping(u.country, o.status) as level
from orders o
join users u on u.user_id = o.user_id
group by rollup (u.country, o.status)
----
-- cube_events_by_day
select cast(received_at as date) as day, event, count(*) as events
from rudder.tracks
group by cube (cast(received_at as date), event)
----
-- scd_plan_at_order_time
with plan_history as (
  select user_id, traits ->> 'plan' as plan, received_at as valid_from,
         lead(received_at) over (partition by user_id order by received_at) as valid_to
  from rudder.identifies
)
select o.order_id, o.user_id, o.amount, p.plan
from orders o
left join plan_history p on p.user_id = o.user_id and o.created_at >= p.valid_from
  and (p.valid_to is null or o.created_at < p.valid_to)
----
-- scd_email_changes
select user_id, lag(email) over (partition by user_id order by received_at) as old_email, email as new_email,
       received_at as changed_at
from rudder.identifies
qualify lag(email) over (partition by user_id order by received_at) <> email
----
-- strings_clean_emails
select user_id, lower(trim(email)) as email_clean, split_part(lower(trim(email)), '@', 2) as domain,
       length(email) - length(replace(email, '.', '')) as dots
from users
where email is not null
----
-- strings_clean_page_urls
select id, lower(regexp_replace(url, '\?.*$', '')) as page, coalesce(referrer, '(none)') as referrer,
       starts_with(url, 'https://') as secure
from rudder.pages
----
-- strings_labels
select user_id, upper(substr(country, 1, 1)) || lower(substr(country, 2)) as country_label,
       concat_ws(' / ', country, email) as label, lpad(user_id, 6, '0') as padded_id
from users
----
-- dates_weekly_orders
select date_trunc('week', created_at) as week, count(*) as orders, count(distinct user_id) as buyers
from orders
group by 1
order by 1
----
-- dates_signup_attributes
select user_id, signed_up_at::date as signup_day,
       date_diff('day', signed_up_at, timestamp '2024-06-01') as days_since_signup,
       extract(dow from signed_up_at) as signup_weekday, strftime(signed_up_at, '%Y-%m') as signup_month
from users
----
-- dates_month_end_revenue
select last_day(created_at) as month_end, sum(amount) as revenue, max(created_at) as last_order_at
from orders
where created_at >= date '2024-03-01'
group by 1
----
-- identity_first_referrer
select g.user_id, min(p.received_at) as first_seen_at,
       arg_min(coalesce(p.referrer, 'direct'), p.received_at) as first_referrer
from identity_graph g
join rudder.pages p on p.anonymous_id = g.anonymous_id
group by g.user_id
----
-- active_days_per_user
select user_id, count(distinct cast(received_at as date)) as active_days, min(received_at) as first_seen,
       max(received_at) as last_seen
from rudder.tracks
where user_id is not null
group by user_id
having count(*) > 1
----
-- users_without_paid_orders
select u.user_id, u.email
from users u
where not exists (select 1 from orders o where o.user_id = u.user_id and o.status = 'paid')
----
-- opt_outs_per_visitor
select anonymous_id, max(received_at) filter (where event = 'Opted Out') as opted_out_at,
       count(*) filter (where event <> 'Opted Out') as other_events
from rudder.tracks
group by anonymous_id

----
-- funnel_minutes_between_steps
with steps as (
    select anonymous_id,
           min(received_at) filter (where event = 'Product Viewed') as viewed_at,
           min(received_at) filter (where event = 'Product Added') as added_at,
           min(received_at) filter (where event = 'Order Completed') as ordered_at
    from rudder.tracks
    group by anonymous_id
)
select anonymous_id,
       date_diff('minute', viewed_at, added_at) as minutes_to_cart,
       date_diff('minute', added_at, ordered_at) as minutes_to_order,
       case when ordered_at is not null then 'converted'
            when added_at is not null then 'abandoned cart'
            else 'browsed' end as outcome
from steps
----
-- funnel_conversion_by_first_source
with first_touch as (
    select anonymous_id,
           coalesce(regexp_extract(context_page_url, 'utm_source=([^&]+)', 1), '') as source,
           row_number() over (partition by anonymous_id order by received_at) as touch
    from rudder.tracks
)
select case when f.source = '' then '(none)' else f.source end as first_source,
       count(distinct f.anonymous_id) as visitors,
       count(distinct t.anonymous_id) filter (where t.event = 'Order Completed') as buyers
from first_touch f
left join rudder.tracks t on t.anonymous_id = f.anonymous_id
where f.touch = 1
group by 1
----
-- sessions_by_thirty_minute_gap
with gaps as (
    select anonymous_id, received_at,
           case when lag(received_at) over (partition by anonymous_id order by received_at) is null
                  or date_diff('minute', lag(received_at) over (partition by anonymous_id order by received_at),
                                received_at) > 30
                then 1 else 0 end as new_session
    from rudder.tracks
), numbered as (
    select anonymous_id, received_at,
           sum(new_session) over (partition by anonymous_id order by received_at
                                  rows between unbounded preceding and current row) as session_number
    from gaps
)
select anonymous_id, session_number, count(*) as events, min(received_at) as started_at,
       max(received_at) as ended_at
from numbered
group by anonymous_id, session_number
----
-- pages_per_session_entry_and_exit
with ordered as (
    select anonymous_id, url, received_at,
           first_value(url) over (partition by anonymous_id order by received_at
                                  rows between unbounded preceding and unbounded following) as entry_page,
           last_value(url) over (partition by anonymous_id order by received_at
                                 rows between unbounded preceding and unbounded following) as exit_page
    from rudder.pages
)
select anonymous_id, entry_page, exit_page, count(*) as pageviews
from ordered
group by anonymous_id, entry_page, exit_page
----
-- weekly_signup_cohort_retention
with cohorts as (
    select user_id, date_trunc('week', signed_up_at) as cohort_week
    from users
), activity as (
    select distinct user_id, date_trunc('week', received_at) as active_week
    from rudder.tracks
    where user_id is not null
)
select c.cohort_week, date_diff('day', c.cohort_week, a.active_week) // 7 as weeks_after,
       count(distinct a.user_id) as active_users
from cohorts c
join activity a on a.user_id = c.user_id
group by 1, 2
----
-- monthly_cohort_revenue
select date_trunc('month', u.signed_up_at) as cohort_month,
       date_trunc('month', o.created_at) as order_month,
       count(distinct o.user_id) as buyers,
       sum(o.amount) as revenue
from users u
join orders o on o.user_id = u.user_id and o.status = 'paid'
group by 1, 2
----
-- last_touch_attribution
with touches as (
    select g.user_id, p.referrer, p.received_at,
           row_number() over (partition by g.user_id order by p.received_at desc) as recency
    from identity_graph g
    join rudder.pages p on p.anonymous_id = g.anonymous_id
    where p.referrer is not null
)
select o.order_id, o.amount, coalesce(t.referrer, 'direct') as last_referrer
from orders o
left join touches t on t.user_id = o.user_id and t.recency = 1
----
-- linear_attribution_share
with touches as (
    select g.user_id, coalesce(p.referrer, 'direct') as channel
    from identity_graph g
    join rudder.pages p on p.anonymous_id = g.anonymous_id
), weights as (
    select user_id, channel, count(*) * 1.0 / sum(count(*)) over (partition by user_id) as share
    from touches
    group by user_id, channel
)
select w.channel, round(sum(w.share * o.amount), 2) as attributed_revenue
from weights w
join orders o on o.user_id = w.user_id and o.status = 'paid'
group by w.channel
----
-- scd_email_as_of_order
with email_history as (
    select user_id, email, received_at as valid_from,
           lead(received_at) over (partition by user_id order by received_at) as valid_to
    from rudder.identifies
)
select o.order_id, o.created_at, e.email as email_at_order
from orders o
left join email_history e
  on e.user_id = o.user_id
 and o.created_at >= e.valid_from
 and (e.valid_to is null or o.created_at < e.valid_to)
----
-- scd_plan_changes
select user_id, received_at,
       traits ->> 'plan' as plan,
       lag(traits ->> 'plan') over (partition by user_id order by received_at) as previous_plan
from rudder.identifies
qualify previous_plan is null or previous_plan <> plan
----
-- json_cart_value_by_product
select properties ->> 'product_id' as product_id,
       count(*) filter (where event = 'Product Added') as adds,
       sum(cast(properties ->> 'price' as decimal(12, 2))) filter (where event = 'Product Viewed') as viewed_value
from rudder.tracks
where properties ->> 'product_id' is not null
group by 1
----
-- json_company_domains
select traits ->> 'company' as company,
       lower(split_part(email, '@', 2)) as email_domain,
       count(distinct user_id) as users
from rudder.identifies
where traits ->> 'company' is not null
group by 1, 2
----
-- rolling_three_order_average
select order_id, user_id, created_at, amount,
       avg(amount) over (partition by user_id order by created_at
                         rows between 2 preceding and current row) as rolling_avg,
       sum(amount) over (order by created_at rows between unbounded preceding and current row) as running_total
from orders
----
-- order_gaps_in_days
select user_id, order_id, created_at,
       date_diff('day', lag(created_at) over (partition by user_id order by created_at), created_at) as days_since_previous,
       lead(status) over (partition by user_id order by created_at) as next_status
from orders
----
-- revenue_rollup_country_status
select coalesce(u.country, 'all') as country, coalesce(o.status, 'all') as status,
       count(*) as orders, sum(o.amount) as revenue, grouping(u.country, o.status) as level
from orders o
join users u on u.user_id = o.user_id
group by rollup (u.country, o.status)
----
-- revenue_cube_month_coupon
select date_trunc('month', created_at) as month, coupon is not null as used_coupon,
       sum(amount) as revenue, count(*) as orders
from orders
group by cube (date_trunc('month', created_at), coupon is not null)
----
-- clean_emails_and_domains
select user_id,
       lower(trim(email)) as email_clean,
       split_part(lower(trim(email)), '@', 2) as domain,
       case when email like '%@%.%' then true else false end as looks_valid
from users
----
-- clean_urls_without_query
select id,
       split_part(context_page_url, '?', 1) as page,
       replace(split_part(context_page_url, '?', 1), 'https://', '') as host_and_path,
       length(context_page_url) - length(replace(context_page_url, '&', '')) as extra_params
from rudder.tracks
----
-- referrer_hosts
select coalesce(regexp_extract(referrer, 'https?://([^/]+)', 1), '') as referrer_host,
       count(*) as pageviews,
       count(distinct anonymous_id) as visitors
from rudder.pages
group by 1
----
-- weekday_hour_heatmap
select dayname(received_at) as weekday, extract(hour from received_at) as hour, count(*) as events
from rudder.tracks
group by 1, 2
----
-- days_between_signup_and_first_order
select u.user_id, u.signed_up_at, min(o.created_at) as first_order_at,
       date_diff('day', u.signed_up_at, min(o.created_at)) as days_to_first_order,
       date_diff('hour', u.signed_up_at, min(o.created_at)) as hours_to_first_order
from users u
left join orders o on o.user_id = u.user_id
group by u.user_id, u.signed_up_at
----
-- month_to_date_revenue
select date_trunc('day', created_at) as day, sum(amount) as revenue,
       sum(sum(amount)) over (partition by date_trunc('month', created_at) order by date_trunc('day', created_at)
                              rows between unbounded preceding and current row) as month_to_date
from orders
where status = 'paid'
group by date_trunc('day', created_at), date_trunc('month', created_at)
----
-- top_product_per_visitor
select anonymous_id, properties ->> 'product_id' as product_id, count(*) as views
from rudder.tracks
where event = 'Product Viewed'
group by 1, 2
qualify rank() over (partition by anonymous_id order by count(*) desc, properties ->> 'product_id') = 1
----
-- customer_value_tiers
select user_id, sum(amount) as revenue,
       ntile(2) over (order by sum(amount) desc, user_id) as half,
       case when sum(amount) >= 100 then 'high' when sum(amount) >= 20 then 'mid' else 'low' end as tier
from orders
where status = 'paid'
group by user_id
----
-- refund_rate_by_country
select u.country,
       count(*) filter (where o.status = 'refunded') as refunds,
       count(*) as orders,
       round(count(*) filter (where o.status = 'refunded') * 100.0 / count(*), 1) as refund_pct
from users u
join orders o on o.user_id = u.user_id
group by u.country
----
-- identity_users_with_many_devices
select g.user_id, count(distinct g.anonymous_id) as devices,
       string_agg(distinct g.anonymous_id, ',' order by g.anonymous_id) as device_ids
from identity_graph g
group by g.user_id
having count(distinct g.anonymous_id) >= 1
----
-- anonymous_visitors_never_identified
select p.anonymous_id, count(*) as pageviews, min(p.received_at) as first_seen
from rudder.pages p
where not exists (select 1 from identity_graph g where g.anonymous_id = p.anonymous_id)
group by p.anonymous_id
----
-- orders_with_previous_coupon_use
select o.order_id, o.user_id, o.coupon,
       exists (select 1 from orders earlier where earlier.user_id = o.user_id and earlier.coupon is not null
               and earlier.created_at < o.created_at) as used_coupon_before
from orders o
----
-- events_union_pages_timeline
select anonymous_id, received_at, 'track' as kind, event as name
from rudder.tracks
union all
select anonymous_id, received_at, 'page' as kind, url as name
from rudder.pages
order by anonymous_id, received_at, kind
----
-- active_users_last_seven_days_of_data
with bounds as (select max(received_at) as last_event from rudder.tracks)
select count(distinct t.user_id) as active_users, count(*) as events
from rudder.tracks t, bounds b
where t.received_at > b.last_event - interval 7 day
  and t.user_id is not null
----
-- order_status_share_of_user
select user_id, status, count(*) as orders,
       sum(count(*)) over (partition by user_id) as user_orders,
       greatest(max(amount), 10) as largest_or_ten,
       least(min(created_at), timestamp '2024-04-01 00:00:00') as earliest_before_april
from orders
group by user_id, status
----
-- signup_quarter_summary
select extract(year from signed_up_at) as year, extract(quarter from signed_up_at) as quarter,
       count(*) as signups, count(*) filter (where is_active) as active,
       bool_or(lifetime_value > 100) as has_big_spender
from users
group by 1, 2
----
-- analyst_property_keys_per_event
select event, k.key as property, count(*) as events
from rudder.tracks t, json_each(t.properties) k
group by all
order by all
----
-- analyst_cart_items_json_each
select t.id, i.key::int as item_index, i.value ->> 'sku' as sku, i.type as item_type
from rudder.tracks t, json_each(t.properties, '$.items') as i
----
-- analyst_json_tree_leaves
select t.id, j.fullkey, j.atom
from rudder.tracks t, lateral (select * from json_tree(t.properties) where type not in ('OBJECT', 'ARRAY')) j
where t.event = 'Product Viewed'
----
-- analyst_property_arrows_and_casts
select id, properties ->> 'plan' as plan, properties ->> '$.price' as price_text,
       (properties ->> 'price')::decimal(10, 2) as price, properties -> 'items' -> 0 ->> 'sku' as first_sku,
       json_array_length(properties -> 'items') as item_count, json_keys(properties) as property_names
from rudder.tracks
----
-- analyst_json_type_by_path
select id, json_type(properties, '$.items') as items_type, json_type(properties, '$.price') as price_type,
       json_valid(properties::varchar) as valid
from rudder.tracks
----
-- analyst_calendar_spine
select d.generate_series::date as day, count(o.order_id) as orders
from generate_series(date '2024-03-01', date '2024-03-07', interval 1 day) d
left join orders o on o.created_at::date = d.generate_series::date
group by all
order by all
----
-- analyst_hour_buckets_with_range
select r.hour_start, count(t.id) as events
from range(timestamp '2024-03-01', timestamp '2024-03-02', interval 6 hour) r(hour_start)
left join rudder.tracks t on t.received_at >= r.hour_start and t.received_at < r.hour_start + interval 6 hour
group by all
order by all
----
-- analyst_series_as_lists
select generate_series(1, 3) as one_to_three, generate_series(3) as zero_to_three,
       range(0, 10, 5) as by_fives, len(generate_series(timestamp '2024-01-01', timestamp '2024-01-02', interval 1 hour)) as hours
----
-- analyst_order_by_all_desc
select user_id, status, count(*) as orders, sum(amount) as revenue
from orders
group by all
order by all desc
----
-- analyst_string_positions
select user_id, position('@' in email) as at_position, strpos(email, '.') as first_dot, instr(email, 'example') as example_at,
       split_part(email, '@', 2) as domain, string_split(email, '@') as parts, left(email, 3) as prefix,
       reverse(email) as reversed, replace(email, '@', ' at ') as spoken
from users
----
-- analyst_string_padding_and_hashes
select concat_ws('-', user_id, country) as key, lpad(user_id, 5, '0') as padded, repeat('x', 2) as xs,
       length(email) as chars, char_length(email) as chars_again, md5(email) as email_md5, hash(user_id) as user_hash
from users
----
-- analyst_list_functions
select order_id, len(tags) as tag_count, array_length(tags) as tag_count_again, cardinality(tags) as cardinality,
       list_contains(tags, 'promo') as has_promo, tags[1] as first_tag, list_sort(tags) as sorted_tags
from orders
----
-- analyst_list_lambdas
select order_id, list_filter(tags, lambda t: t like 'p%') as p_tags, list_transform(tags, lambda t: length(t)) as tag_lengths
from orders
----
-- analyst_struct_literal_fields
select order_id, {'id': order_id, 'amount': amount} as order_struct, ({'id': order_id, 'amount': amount}).amount as amount
from orders
----
-- analyst_unnest_tags
select order_id, unnest(tags) as tag
from orders
----
-- analyst_unnest_in_from
select o.order_id, t.tag
from orders o, unnest(o.tags) as t(tag)
----
-- analyst_week_truncation_group_all
select date_trunc('week', received_at) as week, event, count(*) as events
from rudder.tracks
group by all
order by all
----
-- analyst_date_math
select order_id, created_at + interval 7 day as due_at, created_at::date - date '2024-01-01' as days_into_year,
       age(created_at, timestamp '2024-01-01') as age, date_diff('day', created_at, timestamp '2024-06-01') as days_left
from orders
----
-- analyst_date_parts
select order_id, year(created_at) as y, month(created_at) as m, dayofweek(created_at) as dow, quarter(created_at) as q,
       week(created_at) as w, hour(created_at) as h, isodow(created_at) as iso_dow, dayofyear(created_at) as doy
from orders
----
-- analyst_epochs
select order_id, epoch(created_at) as epoch_seconds, date_part('epoch', created_at) as epoch_again,
       extract(epoch from created_at) as epoch_extracted, epoch_ms(created_at) as epoch_millis,
       extract(second from created_at) as second
from orders
----
-- analyst_strftime_strptime
select strftime(created_at, '%Y-%m-%d') as day_text, strptime('2024-03-01', '%Y-%m-%d') as parsed,
       make_timestamp(2024, 1, 1, 0, 0, 0) as new_year
from orders
----
-- analyst_running_and_moving_windows
select order_id, user_id,
       sum(amount) over (partition by user_id order by created_at rows between unbounded preceding and current row) as running,
       avg(amount) over (order by created_at rows between 1 preceding and 1 following) as moving_avg
from orders
----
-- analyst_range_window_30_days
select order_id, count(*) over (order by created_at range between interval 30 days preceding and current row) as orders_30d
from orders
----
-- analyst_qualify_latest_identify
select *
from rudder.identifies
qualify row_number() over (partition by user_id order by received_at desc) = 1
----
-- analyst_select_replace
select * replace (upper(status) as status, coalesce(coupon, '') as coupon)
from orders
----
-- analyst_join_exclude
select o.* exclude (tags), u.country
from orders o
join users u using (user_id)
----
-- analyst_casts_of_every_spelling
select '1'::int as a, '1'::integer as b, '1'::bigint as c, '1.5'::double as d, '1.5'::float as e, '1'::varchar as f,
       '2024-01-01'::date as g, '2024-01-01'::timestamp as h, 'true'::boolean as i, '1.5'::numeric(10, 2) as j,
       '1'::hugeint as k, '1'::smallint as l, '1'::tinyint as m, '2024-01-01 00:00:00+00'::timestamptz as n,
       '12:00'::time as o, '1 day'::interval as p, '1'::text as q, '{}'::json as r, '1'::ubigint as s, '1'::real as t
----
-- analyst_composite_casts
select [1, 2]::varchar[] as a, {'a': 1}::struct(a bigint) as b, '1'::decimal as c, '1'::double precision as d,
       cast('[1]' as json[]) as e
----
-- analyst_null_handling
select coalesce(coupon, 'none') as coupon, nullif(status, 'paid') as unpaid_status, ifnull(coupon, '-') as coupon_mark,
       greatest(amount, 20) as at_least_20, least(item_count, 2) as at_most_2
from orders
----
-- analyst_boolean_aggregates
select count(*) filter (where email ilike '%example.com') as example_users, bool_or(is_active) as any_active,
       bool_and(is_active) as all_active
from users
----
-- analyst_ordered_aggregates
select user_id, string_agg(status, ', ' order by created_at) as history, arg_max(status, created_at) as last_status,
       max_by(amount, created_at) as last_amount, min_by(order_id, created_at) as first_order
from orders
group by all
----
-- analyst_rounding_and_signs
select order_id, round(amount, -1) as tens, round(amount) as whole, trunc(amount) as truncated, trunc(amount, 1) as one_digit,
       sign(amount - 50) as above_50, amount % 7 as mod_7, item_count % 2 as odd
from orders
----
-- analyst_regexp_utm
select id, regexp_matches(context_page_url, 'utm_source=([^&]+)') as has_source,
       regexp_extract(context_page_url, 'utm_source=([^&]+)', 1) as source,
       regexp_replace(context_page_url, '\?.*$', '') as page_path
from rudder.tracks
----
-- analyst_median_mode_distinct
select median(amount) as median_amount, mode(status) as common_status, count(distinct user_id) as buyers,
       quantile_cont(amount, 0.9) as p90
from orders
----
-- analyst_from_first_paid_revenue
from orders
select user_id, count(*) as paid_orders, sum(amount) as revenue
where status = 'paid'
group by all
order by revenue desc
----
-- analyst_from_first_active_users
from users where is_active
----
-- analyst_from_first_cte_by_country
with paid as (from orders where status = 'paid')
from paid p join users u on p.user_id = u.user_id
select u.country, count(*) as paid_orders, count(distinct p.user_id) as buyers
group by all
----
-- analyst_quantiles_per_status
select status, quantile_disc(amount, 0.5) as median_order, quantile_cont(amount, [0.25, 0.75]) as quartiles,
       median(item_count) as median_items, quantile_disc(created_at, 0.9) as late_order_time
from orders
group by all
----
-- analyst_iso_year_weeks
select isoyear(created_at) as iso_year, weekofyear(created_at) as iso_week, count(*) as orders
from orders
where created_at is not null
group by all
----
-- analyst_struct_fields
select order_id, struct_extract(summary, 'amount') as amount, struct_extract(summary, 'status') as status
from (select order_id, {'amount': amount, 'status': status} as summary from orders)
----
-- analyst_trial_windows
select user_id, date_sub('day', signed_up_at, timestamp '2026-12-01') as days_since_signup,
       signed_up_at + to_days(30) as trial_ends_at, signed_up_at + to_hours(12) as onboarding_ends_at,
       date_sub('month', signed_up_at, timestamp '2026-12-01') as months_since_signup
from users
----
-- analyst_tag_list_aggregates
select order_id, list_aggregate(tags, 'string_agg', '|') as tag_line, list_count(tags) as tag_count,
       list_aggregate(tags, 'min') as first_tag, list_sum([item_count, 1]) as items_plus_one
from orders
----
-- analyst_orders_with_user_columns
select o.order_id, o.user_id, u.*
from orders o join users u on o.user_id = u.user_id
----
-- analyst_duplicate_names_read_downstream
select order_id, user_id_1 as buyer, email
from (select o.order_id, o.user_id, u.* from orders o join users u on o.user_id = u.user_id)
where user_id_1 is not null
