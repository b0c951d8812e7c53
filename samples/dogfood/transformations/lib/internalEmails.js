// Our own people and QA accounts, shared by every transformation that needs to recognise them.
const INTERNAL_DOMAINS = ['sluice.dev'];

export function isInternalEmail(email) {
  if (typeof email !== 'string') return false;
  const domain = email.trim().toLowerCase().split('@')[1];
  return INTERNAL_DOMAINS.includes(domain);
}

// The address an event carries: identify traits first, then the context's traits.
export function emailOf(event) {
  return (event.traits && event.traits.email) || (event.context && event.context.traits && event.context.traits.email);
}
