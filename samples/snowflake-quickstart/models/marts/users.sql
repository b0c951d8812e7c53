<@config materialized="table" tags=["profiles"] />
-- One row per user: latest email, first and last activity, internal users flagged.
with latest_email as (
    select user_id, email
    from ${ref("stg_identifies")}
    qualify row_number() over (partition by user_id order by received_at desc) = 1
),
activity as (
    select user_id, min(received_at) as first_seen_at, max(received_at) as last_seen_at, count(*) as tracks
    from ${ref("stg_tracks")}
    where user_id is not null
    group by user_id
)
select
    activity.user_id,
    latest_email.email,
    activity.first_seen_at,
    activity.last_seen_at,
    activity.tracks,
    latest_email.email like '%@${var("internal_email_domain")}' as is_internal
from activity
left join latest_email on latest_email.user_id = activity.user_id
