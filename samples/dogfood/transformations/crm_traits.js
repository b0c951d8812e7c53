// The CRM names its contact fields its own way: identify traits are renamed to them, and the
// internal ones are left out. Other events pass as they are.
const CRM_FIELDS = { firstName: 'FirstName', lastName: 'LastName', email: 'Email', company: 'Company', plan: 'Plan__c' };

export function transformEvent(event) {
  if (event.type !== 'identify' || !event.traits) {
    return event;
  }
  const traits = {};
  for (const [name, value] of Object.entries(event.traits)) {
    if (CRM_FIELDS[name]) traits[CRM_FIELDS[name]] = value;
  }
  event.traits = traits;
  return event;
}
