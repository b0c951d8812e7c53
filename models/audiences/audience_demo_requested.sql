<@config materialized="table" tags=["audiences"] />
-- Requested a demo in the last 30 days: for sales.
<@did_at_least event=var("audience_demo_event", "Demo Requested") times=1 days=30 />
