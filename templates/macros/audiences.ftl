<#ftl strip_whitespace=true>
<#--
  Behavioural audiences over customer_events (the identity package): each macro writes a whole
  SELECT of people (sluice_id) and when they qualified. "Now" is var("audience_as_of"), by default
  current_timestamp; set it to a timestamp expression to build an audience as of a fixed time.

  did_but_not_within: people whose first `did` event was not followed by a `did_not` event within
  `days` days, once those days are over. Columns: sluice_id, did_at.
    <@did_but_not_within did="Signed Up" did_not="Source Created" days=3 />

  did_at_least: people who did `event` at least `times` times in the last `days` days ("*": any
  call: track, page, screen, identify, ...). Columns: sluice_id, times, last_at.
    <@did_at_least event="Demo Requested" times=1 days=30 />
-->
<#function audience_now><#return var("audience_as_of", "current_timestamp")?string></#function>

<#function event_is event alias>
  <#if event == "*"><#return "true"></#if>
  <#return alias + ".type = 'track' and " + alias + ".event = '" + event?replace("'", "''") + "'">
</#function>

<#macro did_but_not_within did did_not days>
select first_did.sluice_id, first_did.did_at
from (
    select e.sluice_id, min(e."timestamp") as did_at
    from ${ref("customer_events")} e
    where ${event_is(did, "e")}
    group by e.sluice_id
) first_did
where first_did.did_at <= ${audience_now()} - interval '${days}' day
    and not exists (
        select 1
        from ${ref("customer_events")} later
        where later.sluice_id = first_did.sluice_id and ${event_is(did_not, "later")}
            and later."timestamp" >= first_did.did_at
            and later."timestamp" < first_did.did_at + interval '${days}' day
    )
</#macro>

<#macro did_at_least event times days>
select e.sluice_id, count(*) as times, max(e."timestamp") as last_at
from ${ref("customer_events")} e
where ${event_is(event, "e")}
    and e."timestamp" > ${audience_now()} - interval '${days}' day
    and e."timestamp" <= ${audience_now()}
group by e.sluice_id
having count(*) >= ${times}
</#macro>
