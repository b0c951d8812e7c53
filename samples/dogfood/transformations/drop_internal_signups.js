// Test sign-ups by staff and QA (anyone@sluice.dev) never reach the warehouse or any tool.
import { emailOf, isInternalEmail } from "internalEmails";

export function transformEvent(event, metadata) {
  if (event.type === 'track' && event.event === 'Signed Up' && isInternalEmail(emailOf(event))) {
    log('dropped an internal test sign-up from', metadata(event).sourceName);
    return null;
  }
  return event;
}
