<#ftl strip_whitespace=true>
<#--
  consented(sluice_id, channel): a condition that holds when the person may be contacted on the
  channel (consent_status.allowed). Every reverse-ETL payload model filters with it:
    select ... from ${ref("profiles")} p where ${consented("p.sluice_id", "email")}
-->
<#function consented sluice_id channel>
  <#return "exists (select 1 from " + ref("consent_status") + " consent where consent.sluice_id = " + sluice_id
      + " and consent.channel = '" + channel?replace("'", "''") + "' and consent.allowed)">
</#function>
