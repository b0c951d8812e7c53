-- Realistic DuckDB analytics models over ShopCatalog that Sluice must parse and validate.
-- Queries are separated by lines of four dashes; the first comment line names the query.
-- daily_active_users
select date_trunc('day', received_at) as day, count(distinct coalesce(user_id, anonymous_id)) as dau
from rudder.tracks
group by 1
order by 1
----
-- sessionize_pages
with ordered as (
  select anonymous_id, received_at,
         lag(received_at) over (partition by anonymous_id order by received_at) as previous_at
  from rudder.pages
), flagged as (
  select *, case when previous_at is null or received_at > previous_at + interval '30' minute then 1 else 0 end as new_session
  from ordered
)
select anonymous_id, received_at,
       sum(new_session) over (partition by anonymous_id order by received_at rows between unbounded preceding and current row) as session_number
from flagged
----
-- latest_identify_per_user
select user_id, email, received_at
from rudder.identifies
where user_id is not null
qualify row_number() over (partition by user_id order by received_at desc) = 1
----
-- identity_stitching
select t.id as event_id, coalesce(t.user_id, g.user_id) as resolved_user_id, t.event, t.received_at
from rudder.tracks t
left join identity_graph g on g.anonymous_id = t.anonymous_id
----
-- order_funnel
select count(*) filter (where event = 'Product Viewed') as viewed,
       count(*) filter (where event = 'Product Added') as added,
       count(*) filter (where event = 'Order Completed') as completed
from rudder.tracks
where received_at >= current_date - interval '7' day
----
-- revenue_by_month_and_country
select date_trunc('month', o.created_at)::date as month, u.country, sum(o.amount) as revenue,
       sum(o.amount) / nullif(count(distinct o.user_id), 0) as revenue_per_buyer
from orders o join users u using (user_id)
where o.status not in ('cancelled', 'refunded')
group by 1, 2
having sum(o.amount) > 0
----
-- rfm_scores
select user_id,
       ntile(5) over (order by max(created_at)) as recency_score,
       ntile(5) over (order by count(*)) as frequency_score,
       ntile(5) over (order by sum(amount)) as monetary_score
from orders
group by user_id
----
-- cohort_retention
with first_orders as (
  select user_id, min(created_at) as first_at from orders group by user_id
)
select date_trunc('month', f.first_at) as cohort,
       (extract(year from o.created_at) - extract(year from f.first_at)) * 12
         + extract(month from o.created_at) - extract(month from f.first_at) as months_since_first,
       count(distinct o.user_id) as active_users
from first_orders f join orders o on o.user_id = f.user_id
group by 1, 2
----
-- email_domains
select lower(split_part(email, '@', 2)) as domain, count(*) as users
from users
where email ilike '%@%' and email not like '%test%'
group by 1
order by users desc
limit 20
----
-- json_properties
select id, json_extract_string(properties, '$.product_id') as product_id,
       try_cast(json_extract_string(properties, '$.price') as decimal(12, 2)) as price
from rudder.tracks
where event = 'Product Viewed'
----
-- union_of_events
select anonymous_id, user_id, 'track' as kind, received_at from rudder.tracks
union all
select anonymous_id, user_id, 'page', received_at from rudder.pages
union all
select anonymous_id, user_id, 'identify', received_at from rudder.identifies
----
-- users_without_orders
select u.user_id, u.email
from users u
where not exists (select 1 from orders o where o.user_id = u.user_id)
  and u.is_active
----
-- running_lifetime_value
select user_id, created_at, amount,
       sum(amount) over (partition by user_id order by created_at) as running_total,
       avg(amount) over (partition by user_id order by created_at rows between 2 preceding and current row) as moving_avg
from orders
----
-- order_percentiles
select status,
       percentile_cont(0.5) within group (order by amount) as median_amount,
       string_agg(distinct coupon, ', ' order by coupon) as coupons
from orders
group by rollup (status)
----
-- case_segments
select user_id,
       case when lifetime_value >= 1000 then 'vip'
            when lifetime_value >= 100 then 'regular'
            else 'new' end as segment,
       greatest(lifetime_value, 0) as ltv
from users
----
-- regexp_utm
select id, regexp_extract(context_page_url, 'utm_source=([^&]+)', 1) as utm_source,
       regexp_matches(context_page_url, 'utm_campaign=') as has_campaign
from rudder.tracks
----
-- excluded_columns
select * exclude (properties, context_page_url) from rudder.tracks
----
-- unnest_tags
select o.order_id, t.tag from orders o, unnest(o.tags) as t(tag)
----
-- anonymous_to_user_first_seen
select anonymous_id, min(received_at) as first_seen_at, max(user_id) as user_id
from (
  select anonymous_id, user_id, received_at from rudder.tracks
  union all
  select anonymous_id, user_id, received_at from rudder.identifies
) events
group by anonymous_id
----
-- consent_view
select u.*, coalesce(c.opted_out, false) as opted_out
from users u
left join (select user_id, bool_or(event = 'Opted Out') as opted_out from rudder.tracks group by user_id) c
  on c.user_id = u.user_id
----
-- timestamps_and_epochs
select id, epoch(received_at)::bigint as received_epoch, strftime(received_at, '%Y-%m-%d') as received_day,
       extract(hour from received_at) as hour, received_at::date as received_date
from rudder.tracks
