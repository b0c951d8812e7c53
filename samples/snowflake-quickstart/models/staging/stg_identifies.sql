<@config materialized="ephemeral" tags=["events"] />
-- Identify calls with normalised emails; inlined into the models that ref it.
select
    user_id,
    lower(trim(email)) as email,
    received_at
from ${source("rudder", "identifies")}
where user_id is not null
