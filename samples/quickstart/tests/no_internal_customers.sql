-- Staff and test accounts must never reach the customer audience.
select c.user_id, c.email
from ${ref("customers")} c
where c.email like '%@${var("internal_email_domain")}'
