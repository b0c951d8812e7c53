-- Sluice's Snowflake corpus: models written for Snowflake, as analysts write them, over ShopCatalog's tables
-- (loaded with analytics-corpus-data.sql; JSON columns are what Snowflake holds as VARIANT). Queries are separated
-- by lines of four dashes; each starts with a comment naming it. SnowflakeCorpusTest translates each to DuckDB and
-- runs it; the rows are in snowflake-corpus.expected.
-- sf_latest_event_per_user
select anonymous_id, event, received_at
from rudder.tracks
qualify row_number() over (partition by anonymous_id order by received_at desc) = 1
----
-- sf_first_page_per_visitor
select anonymous_id, url as landing_url, nvl(referrer, '(direct)') as referrer
from rudder.pages
qualify row_number() over (partition by anonymous_id order by received_at) = 1
----
-- sf_event_plan_from_variant
select id, event, properties:plan::string as plan
from rudder.tracks
where properties:plan is not null
----
-- sf_revenue_by_plan
select properties:plan::string as plan,
       sum(try_to_number(properties:revenue::string, 12, 2)) as revenue,
       count(*) as orders
from rudder.tracks
where event = 'Order Completed'
group by 1
----
-- sf_product_prices
select properties:product_id::string as product_id,
       max(try_to_number(properties:price::string, 10, 2)) as price
from rudder.tracks
where event = 'Product Viewed'
group by 1
----
-- sf_first_item_sku
select id, properties:items[0].sku::string as first_sku, array_size(properties:items) as item_count
from rudder.tracks
where properties:items is not null
----
-- sf_flatten_items
select t.id, f.index as position, f.value:sku::string as sku
from rudder.tracks t,
     lateral flatten(input => t.properties:items) f
----
-- sf_flatten_trait_keys
select i.user_id, f.key as trait, f.value::string as trait_value
from rudder.identifies i,
     lateral flatten(input => i.traits) f
----
-- sf_traits_per_user
select i.user_id, count(distinct f.key) as traits
from rudder.identifies i, lateral flatten(input => i.traits) f
group by i.user_id
----
-- sf_user_companies
select user_id, traits:company::string as company, traits:plan::string as plan
from rudder.identifies
qualify row_number() over (partition by user_id order by received_at desc) = 1
----
-- sf_known_or_anonymous
select iff(user_id is null, 'anonymous', 'known') as visitor_type, count(*) as events
from rudder.tracks
group by 1
----
-- sf_visitor_key
select distinct nvl(user_id, anonymous_id) as visitor_key
from rudder.tracks
----
-- sf_ifnull_coupon
select order_id, ifnull(coupon, 'none') as coupon
from orders
----
-- sf_funnel_counts
select count_if(event = 'Product Viewed') as viewed,
       count_if(event = 'Product Added') as added,
       count_if(event = 'Order Completed') as completed
from rudder.tracks
----
-- sf_funnel_by_visitor
select anonymous_id,
       max(iff(event = 'Product Viewed', 1, 0)) as viewed,
       max(iff(event = 'Product Added', 1, 0)) as added,
       max(iff(event = 'Order Completed', 1, 0)) as completed
from rudder.tracks
group by anonymous_id
----
-- sf_funnel_conversion
with steps as (
  select anonymous_id,
         count_if(event = 'Product Viewed') > 0 as viewed,
         count_if(event = 'Order Completed') > 0 as completed
  from rudder.tracks
  group by anonymous_id
)
select count_if(viewed) as viewers, count_if(viewed and completed) as buyers,
       count_if(viewed and completed)::float / nullif(count_if(viewed), 0) as conversion
from steps
----
-- sf_funnel_conversion_rate
select count_if(event = 'Order Completed') / count_if(event = 'Product Viewed') as conversion
from rudder.tracks
----
-- sf_time_to_purchase_minutes
select anonymous_id,
       datediff(minute, min(iff(event = 'Product Viewed', received_at, null)),
                        min(iff(event = 'Order Completed', received_at, null))) as minutes_to_purchase
from rudder.tracks
group by anonymous_id
having minutes_to_purchase is not null
----
-- sf_sessions_30min
with gaps as (
  select anonymous_id, received_at,
         datediff(minute, lag(received_at) over (partition by anonymous_id order by received_at), received_at) as gap
  from rudder.pages
)
select anonymous_id, received_at,
       sum(iff(gap is null or gap > 30, 1, 0)) over (partition by anonymous_id order by received_at
           rows between unbounded preceding and current row) as session_number
from gaps
----
-- sf_session_counts
with gaps as (
  select anonymous_id,
         nvl(datediff(minute, lag(received_at) over (partition by anonymous_id order by received_at), received_at), 9999) as gap
  from rudder.tracks
)
select anonymous_id, count_if(gap > 30) as sessions, count(*) as events
from gaps
group by anonymous_id
----
-- sf_session_running_total_default_frame
select anonymous_id, received_at,
       count(*) over (partition by anonymous_id order by received_at) as pages_so_far
from rudder.pages
----
-- sf_days_since_signup
select user_id, datediff(day, signed_up_at, '2024-04-01'::timestamp) as days_since_signup
from users
----
-- sf_months_between_orders
select user_id, datediff(month, min(created_at), max(created_at)) as months_active
from orders
group by user_id
----
-- sf_order_due_dates
select order_id, dateadd(day, 14, created_at) as due_at, dateadd(month, 1, created_at::date) as renewal_date
from orders
----
-- sf_week_after_signup
select u.user_id, count(o.order_id) as orders_first_week
from users u
left join orders o
  on o.user_id = u.user_id
 and o.created_at < dateadd(week, 1, u.signed_up_at)
group by u.user_id
----
-- sf_orders_by_month
select date_trunc('month', created_at) as month, count(*) as orders, sum(amount) as revenue
from orders
group by 1
----
-- sf_orders_by_week
select date_trunc('week', created_at::date) as week, count(*) as orders
from orders
group by 1
----
-- sf_daily_pageviews
select received_at::date as day, count(*) as pageviews, count(distinct anonymous_id) as visitors
from rudder.pages
group by 1
----
-- sf_signup_cohorts
select date_trunc('month', u.signed_up_at)::date as cohort,
       datediff(month, u.signed_up_at, o.created_at) as months_after,
       count(distinct o.user_id) as buyers
from users u
join orders o on o.user_id = u.user_id
group by 1, 2
----
-- sf_cohort_retention
with firsts as (
  select user_id, min(created_at) as first_order_at
  from orders
  group by user_id
)
select f.user_id, count_if(datediff(day, f.first_order_at, o.created_at) between 1 and 60) as repeat_orders_60d
from firsts f
join orders o on o.user_id = f.user_id
group by f.user_id
----
-- sf_events_per_user_listagg
select anonymous_id, listagg(event, ' > ') within group (order by received_at) as path
from rudder.tracks
group by anonymous_id
----
-- sf_distinct_events_listagg
select listagg(distinct event, ', ') within group (order by event) as events
from rudder.tracks
----
-- sf_coupons_listagg_empty
select user_id, listagg(coupon, ',') within group (order by order_id) as coupons
from orders
group by user_id
----
-- sf_statuses_desc_listagg
select user_id, listagg(status, '|') within group (order by created_at desc) as statuses
from orders
group by user_id
----
-- sf_zeroifnull_orders
select u.user_id, zeroifnull(sum(o.amount)) as revenue, zeroifnull(count(o.order_id)) as orders
from users u
left join orders o on o.user_id = u.user_id and o.status = 'paid'
group by u.user_id
----
-- sf_nullifzero_value
select user_id, nullifzero(lifetime_value) as lifetime_value
from users
----
-- sf_try_to_number_prices
select id, try_to_number(properties:price::string) as price_rounded,
       try_to_number(properties:price::string, 10, 2) as price
from rudder.tracks
----
-- sf_try_to_number_garbage
select id, try_to_number(anonymous_id) as not_a_number
from rudder.tracks
----
-- sf_order_amount_text
select order_id, to_varchar(amount) as amount_text, order_id::string as id_text
from orders
----
-- sf_order_labels
select order_id, 'order-' || order_id::varchar || '-' || status as label
from orders
----
-- sf_concat_user_country
select user_id, concat(user_id, ':', country) as tag, concat(email, '') as email_or_null
from users
----
-- sf_top_order_per_user
select user_id, order_id, amount
from orders
qualify rank() over (partition by user_id order by amount desc) = 1
----
-- sf_latest_coupon_nulls_first
select user_id, coupon
from orders
qualify row_number() over (partition by user_id order by coupon desc) = 1
----
-- sf_order_rank_nulls
select order_id, coupon, row_number() over (order by coupon, order_id) as position
from orders
----
-- sf_order_rank_desc_nulls
select order_id, coupon, dense_rank() over (order by coupon desc) as position
from orders
----
-- sf_top_orders_limit
select order_id, amount
from orders
order by coupon desc, order_id
limit 3
----
-- sf_previous_order_gap
select order_id, user_id,
       datediff(day, lag(created_at) over (partition by user_id order by created_at), created_at) as days_since_previous
from orders
----
-- sf_next_page
select anonymous_id, url, lead(url) over (partition by anonymous_id order by received_at) as next_url
from rudder.pages
----
-- sf_running_revenue
select user_id, created_at, amount,
       sum(amount) over (partition by user_id order by created_at rows between unbounded preceding and current row) as running_revenue
from orders
----
-- sf_first_and_last_order_value
select distinct user_id,
       first_value(amount) over (partition by user_id order by created_at
           rows between unbounded preceding and unbounded following) as first_amount,
       last_value(amount) over (partition by user_id order by created_at
           rows between unbounded preceding and unbounded following) as last_amount
from orders
----
-- sf_last_value_default_frame
select distinct user_id,
       last_value(status) over (partition by user_id order by created_at) as last_status
from orders
----
-- sf_average_order_value
select user_id, avg(amount) as average_order
from orders
group by user_id
----
-- sf_average_order_value_float
select user_id, avg(amount::float) as average_order
from orders
group by user_id
----
-- sf_revenue_share
select user_id, sum(amount) as revenue, sum(amount)::float / sum(sum(amount)) over () as share
from orders
where status = 'paid'
group by user_id
----
-- sf_order_size_buckets
select case when amount >= 100 then 'large' when amount >= 20 then 'medium' else 'small' end as bucket,
       count(*) as orders
from orders
group by 1
----
-- sf_rounded_amounts
select order_id, round(amount, 0) as whole, round(amount * 1.19, 2) as gross, floor(amount) as floor_amount
from orders
----
-- sf_greatest_dates
select u.user_id, greatest(u.signed_up_at, g.first_seen_at) as became_known_at
from users u
left join identity_graph g on g.user_id = u.user_id
----
-- sf_least_amount
select order_id, least(amount, 50) as capped_amount
from orders
----
-- sf_email_domains
select split_part(email, '@', 2) as domain, count(*) as users
from users
where email is not null
group by 1
----
-- sf_email_local_part_upper
select user_id, upper(split_part(email, '@', 1)) as local_part, length(email) as email_length
from rudder.identifies
----
-- sf_url_paths
select id, substr(url, 21) as path, left(url, 8) as scheme
from rudder.pages
----
-- sf_utm_source_like
select id, context_page_url
from rudder.tracks
where context_page_url ilike '%UTM_SOURCE=GOOGLE%'
----
-- sf_contains_cart
select id, contains(url, 'cart') as is_cart, startswith(url, 'https://shop.example/p') as is_product
from rudder.pages
----
-- sf_referrer_domain_replace
select id, replace(replace(nvl(referrer, ''), 'https://', ''), 'http://', '') as referrer_host
from rudder.pages
----
-- sf_active_users_by_country
select country, count_if(is_active) as active, count(*) as users
from users
group by country
----
-- sf_identity_stitched
select t.id, coalesce(t.user_id, g.user_id) as resolved_user_id
from rudder.tracks t
left join identity_graph g on g.anonymous_id = t.anonymous_id
----
-- sf_users_without_orders
select u.user_id
from users u
where not exists (select 1 from orders o where o.user_id = u.user_id)
----
-- sf_paid_order_users_in
select user_id, email
from users
where user_id in (select user_id from orders where status = 'paid')
----
-- sf_union_sources
select anonymous_id, received_at, 'track' as source from rudder.tracks
union all
select anonymous_id, received_at, 'page' as source from rudder.pages
----
-- sf_first_seen_per_visitor
with seen as (
  select anonymous_id, received_at from rudder.tracks
  union all
  select anonymous_id, received_at from rudder.pages
)
select anonymous_id, min(received_at) as first_seen, max(received_at) as last_seen,
       datediff(hour, min(received_at), max(received_at)) as hours_active
from seen
group by anonymous_id
----
-- sf_orders_per_hour
select hour(created_at) as hour_of_day, count(*) as orders
from orders
group by 1
----
-- sf_orders_by_year_quarter
select year(created_at) as year, quarter(created_at) as quarter, count(*) as orders
from orders
group by 1, 2
----
-- sf_orders_by_weekday
select dayofweek(created_at) as weekday, count(*) as orders
from orders
group by 1
----
-- sf_parse_json_literal
select parse_json('{"tier": "gold", "points": 120}'):tier::string as tier
----
-- sf_variant_whole_object
select id, properties as payload
from rudder.tracks
where event = 'Order Completed'
----
-- sf_variant_number_cast
select id, properties:price::number(10, 2) as price
from rudder.tracks
where properties:price is not null
----
-- sf_variant_float
select id, properties:price::float as price
from rudder.tracks
where properties:price is not null
----
-- sf_trimmed_status
select order_id, trim(status) as status, lower(status) as status_lower
from orders
----
-- sf_to_date_of_timestamp
select order_id, to_date(created_at) as order_date
from orders
----
-- sf_current_date_filter
select count(*) as recent
from orders
where created_at >= dateadd(day, -30, current_date)
----
-- sf_div0_conversion
select div0(count_if(status = 'paid'), count(*)) as paid_share
from orders
----
-- sf_array_agg_statuses
select user_id, array_agg(status) within group (order by created_at) as statuses
from orders
group by user_id
----
-- sf_object_construct_payload
select user_id, object_construct('email', email, 'country', country) as payload
from users
----
-- sf_flatten_outer
select t.id, f.value:sku::string as sku
from rudder.tracks t,
     lateral flatten(input => t.properties:items, outer => true) f
----
-- sf_regexp_substr_utm
select id, regexp_substr(context_page_url, 'utm_source=([^&]+)', 1, 1, 'e') as source
from rudder.tracks
----
-- sf_datediff_week
select user_id, datediff(week, signed_up_at, '2024-04-01'::timestamp) as weeks
from users
----
-- sf_timestamp_text
select order_id, created_at::string as created_text
from orders
----
-- sf_variant_compared_to_text
select id
from rudder.tracks
where properties:plan = 'pro'
----
-- sf_variant_cast_compared_to_text
select id
from rudder.tracks
where properties:plan::string = 'pro'
----
-- sf_any_row_per_user
select user_id, order_id
from orders
qualify row_number() over (partition by user_id) = 1
----
-- sf_pro_users_flatten_filter
select distinct i.user_id
from rudder.identifies i, lateral flatten(input => i.traits) f
where f.key = 'plan' and f.value::string = 'pro'
----
-- sf_orders_first_30_days
select u.user_id, count(o.order_id) as orders_30d, zeroifnull(sum(o.amount)) as revenue_30d
from users u
left join orders o on o.user_id = u.user_id
  and o.created_at between u.signed_up_at and dateadd(day, 30, u.signed_up_at)
group by u.user_id
----
-- sf_funnel_step_flags
select anonymous_id,
       count_if(event = 'Product Viewed') > 0 as viewed,
       count_if(event = 'Product Added') > 0 as added,
       count_if(event = 'Order Completed') > 0 as ordered
from rudder.tracks
group by anonymous_id
----
-- sf_funnel_minutes_view_to_order
select anonymous_id,
       datediff(minute, min(iff(event = 'Product Viewed', received_at, null)),
                min(iff(event = 'Order Completed', received_at, null))) as minutes_to_order
from rudder.tracks
group by anonymous_id
having count_if(event = 'Order Completed') > 0
----
-- sf_session_starts_by_gap
select anonymous_id, received_at,
       iff(datediff(minute, lag(received_at) over (partition by anonymous_id order by received_at), received_at) > 30
           or lag(received_at) over (partition by anonymous_id order by received_at) is null, 1, 0) as session_start
from rudder.tracks
----
-- sf_weekly_cohort_sizes
select date_trunc('week', signed_up_at)::date as cohort_week, count(*) as signups,
       count_if(is_active) as active_users
from users
group by 1
----
-- sf_cohort_month_revenue
select date_trunc(month, u.signed_up_at) as cohort_month,
       datediff(month, u.signed_up_at, o.created_at) as months_after_signup,
       sum(o.amount) as revenue
from users u
join orders o on o.user_id = u.user_id
where o.status = 'paid'
group by 1, 2
----
-- sf_retention_active_weeks
select u.user_id, count(distinct date_trunc('week', t.received_at)) as active_weeks,
       max(datediff(day, u.signed_up_at, t.received_at)) as last_active_day
from users u
join rudder.tracks t on t.user_id = u.user_id
group by u.user_id
----
-- sf_first_touch_utm
select anonymous_id,
       nvl(regexp_substr(context_page_url, 'utm_source=([^&]+)', 1, 1, 'e'), '(none)') as first_source
from rudder.tracks
qualify row_number() over (partition by anonymous_id order by received_at) = 1
----
-- sf_last_touch_referrer_per_order
select o.order_id, nvl(p.referrer, 'direct') as last_referrer
from orders o
left join identity_graph g on g.user_id = o.user_id
left join rudder.pages p on p.anonymous_id = g.anonymous_id and p.received_at <= o.created_at
qualify row_number() over (partition by o.order_id order by p.received_at desc) = 1
----
-- sf_scd_email_valid_ranges
select user_id, email, received_at as valid_from,
       lead(received_at) over (partition by user_id order by received_at) as valid_to
from rudder.identifies
----
-- sf_scd_email_at_order
with history as (
    select user_id, email, received_at as valid_from,
           nvl(lead(received_at) over (partition by user_id order by received_at), '9999-12-31 00:00:00'::timestamp) as valid_to
    from rudder.identifies
)
select o.order_id, h.email
from orders o
join history h on h.user_id = o.user_id and o.created_at >= h.valid_from and o.created_at < h.valid_to
----
-- sf_variant_price_by_product
select properties:product_id::string as product_id,
       count(*) as views,
       min(properties:price::number(10, 2)) as min_price
from rudder.tracks
where event = 'Product Viewed'
group by 1
----
-- sf_variant_plan_counts
select nvl(traits:plan::string, 'unknown') as plan, count(distinct user_id) as users
from rudder.identifies
group by 1
----
-- sf_flatten_item_count_per_event
select t.id, count(f.value) as items
from rudder.tracks t, lateral flatten(input => t.properties:items) f
group by t.id
----
-- sf_rolling_three_orders
select order_id, user_id, amount,
       sum(amount) over (partition by user_id order by created_at rows between 2 preceding and current row) as last_three
from orders
----
-- sf_running_order_count
select order_id, created_at,
       count(*) over (order by created_at rows between unbounded preceding and current row) as orders_so_far
from orders
----
-- sf_order_gap_days
select user_id, order_id,
       datediff(day, lag(created_at) over (partition by user_id order by created_at), created_at) as gap_days
from orders
----
-- sf_rank_users_by_revenue
select user_id, sum(amount) as revenue,
       dense_rank() over (order by sum(amount) desc) as revenue_rank
from orders
where status = 'paid'
group by user_id
----
-- sf_clean_emails
select user_id, lower(trim(email)) as email, split_part(email, '@', 2) as domain,
       left(email, 3) as prefix
from users
where email is not null
----
-- sf_url_without_query
select id, split_part(context_page_url, '?', 1) as page,
       replace(split_part(context_page_url, '?', 1), 'https://shop.example', '') as path
from rudder.tracks
----
-- sf_referrer_host
select nvl(regexp_substr(referrer, 'https?://([^/]+)', 1, 1, 'e'), '(direct)') as referrer_host, count(*) as views
from rudder.pages
group by 1
----
-- sf_events_by_weekday_and_hour
select dayofweek(received_at) as weekday, hour(received_at) as hour, count(*) as events
from rudder.tracks
group by 1, 2
----
-- sf_days_to_first_order
select u.user_id, datediff(day, u.signed_up_at, min(o.created_at)) as days_to_first_order
from users u
left join orders o on o.user_id = u.user_id
group by u.user_id, u.signed_up_at
----
-- sf_orders_quarter_labels
select 'Q' || quarter(created_at)::string || '-' || year(created_at)::string as quarter_label, count(*) as orders
from orders
group by 1
----
-- sf_coupon_arrays
select user_id, array_agg(coupon) within group (order by created_at) as coupons
from orders
group by user_id
----
-- sf_paid_share_float
select user_id, count_if(status = 'paid')::float / count(*)::float as paid_share
from orders
group by user_id
----
-- sf_orders_rollup_status
select nvl(status, 'all') as status, count(*) as orders, sum(amount) as revenue
from orders
group by rollup (status)
----
-- sf_latest_identify_per_user
select user_id, email, traits:company::string as company
from rudder.identifies
qualify row_number() over (partition by user_id order by received_at desc) = 1
----
-- sf_signup_to_now_bucket
select user_id,
       case when datediff(day, signed_up_at, '2024-04-01'::timestamp) > 28 then 'older'
            else 'recent' end as signup_bucket,
       greatest(lifetime_value, 10::float) as value_floor
from users
