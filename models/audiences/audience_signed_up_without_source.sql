<@config materialized="table" tags=["audiences"] />
-- Signed up but did not create a source within 3 days: the onboarding nudge.
<@did_but_not_within did=var("audience_signup_event", "Signed Up") did_not=var("audience_activation_event", "Source Created")
    days=var("audience_activation_days", 3) />
