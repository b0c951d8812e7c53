// The ads platform gets conversions, never a person's IP address or e-mail.
export function transformEvent(event) {
  if (event.context) {
    delete event.context.ip;
    if (event.context.traits) delete event.context.traits.email;
  }
  if (event.traits) delete event.traits.email;
  if (event.properties) delete event.properties.email;
  return event;
}
