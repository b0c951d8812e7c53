<@config materialized="table" tags=["audiences"] />
-- Active in the last 7 days: any call at all.
<@did_at_least event="*" times=1 days=7 />
