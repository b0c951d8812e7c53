// Sluice's side of the transformation contract, evaluated once in every context before the user's
// module. Events cross the boundary as JSON text; what a transformation returns is checked here, so
// that a wrong return value is reported with what it was.
(function () {
  'use strict';
  const sluiceLog = globalThis.__sluiceLog;
  const sluiceFetch = globalThis.__sluiceFetch;
  delete globalThis.__sluiceLog;
  delete globalThis.__sluiceFetch;
  const text = (value) => {
    if (typeof value === 'string') return value;
    if (value instanceof Error) return String(value.stack || value);
    try { return JSON.stringify(value); } catch (e) { return String(value); }
  };
  globalThis.log = (...values) => sluiceLog(values.map(text).join(' '), current);
  globalThis.console = { log: globalThis.log, info: globalThis.log, warn: globalThis.log, error: globalThis.log,
    debug: globalThis.log };
  globalThis.fetch = async (url, options) => {
    if (!sluiceFetch) {
      throw new Error('fetch is not enabled for this transformation; list the hosts it may reach under '
        + 'collector.transformations.<name>.fetch in sluice.yml');
    }
    const answer = JSON.parse(sluiceFetch(String(url), JSON.stringify(options || {})));
    return { status: answer.status, ok: answer.status >= 200 && answer.status < 300, url: String(url),
      headers: answer.headers, text: async () => answer.body, json: async () => JSON.parse(answer.body) };
  };

  const describe = (value) => {
    if (value === null) return 'null';
    if (Array.isArray(value)) return 'an array';
    if (typeof value === 'string') return 'a string (' + JSON.stringify(value.length > 40 ? value.slice(0, 40) + '...' : value) + ')';
    if (typeof value === 'object') return 'an object';
    return 'a ' + typeof value + ' (' + String(value) + ')';
  };
  const contractError = (message) => {
    const error = new TypeError(message);
    error.sluiceContract = true;
    return error;
  };
  const isEvent = (value) => value !== null && typeof value === 'object' && !Array.isArray(value);
  let generated = 0;
  // An output keeps the collector's fields the transformation left out: the message id (made distinct
  // when one event fans out to several) and the time the collector received it.
  const complete = (output, input, seen) => {
    if (output.messageId === undefined || output.messageId === null || output.messageId === '') {
      output.messageId = input && input.messageId ? input.messageId : 'sluice-' + Date.now() + '-' + (generated++);
    }
    let id = String(output.messageId);
    for (let copy = 1; seen.has(id); copy++) id = String(output.messageId) + '-' + copy;
    output.messageId = id;
    seen.add(id);
    if (output.receivedAt === undefined && input && input.receivedAt !== undefined) output.receivedAt = input.receivedAt;
    return JSON.stringify(output);
  };
  // Output events as JSON texts separated by newlines (JSON.stringify never writes a raw newline).
  const outputs = (result, what, inputFor) => {
    if (result === null || result === undefined) return '';
    const seen = new Set();
    if (Array.isArray(result)) {
      const kept = [];
      for (let index = 0; index < result.length; index++) {
        const element = result[index];
        if (element === null || element === undefined) continue;
        if (!isEvent(element)) {
          throw contractError(what + ' returned an array whose element ' + index + ' is ' + describe(element)
            + ', not an event object');
        }
        kept.push(complete(element, inputFor(element), seen));
      }
      return kept.join('\n');
    }
    if (!isEvent(result)) {
      throw contractError(what + ' returned ' + describe(result) + ', not an event object, an array of them, '
        + 'or null to drop the event');
    }
    return complete(result, inputFor(result), seen);
  };
  const batchOutputs = (result, inputFor) => {
    if (!Array.isArray(result)) {
      throw contractError('transformBatch returned ' + describe(result) + ', not an array of events');
    }
    return outputs(result, 'transformBatch', inputFor);
  };
  const pending = (promise, finish) => {
    const holder = { done: false, value: undefined, error: undefined, finish };
    promise.then((value) => { holder.done = true; holder.value = value; },
      (error) => { holder.done = true; holder.error = error; holder.failed = true; });
    return holder;
  };
  const isThenable = (value) => value !== null && typeof value === 'object' && typeof value.then === 'function';
  // transformEvent on the events of a request in one call. Each event's outputs (as `outputs` writes them)
  // go to `progress.parts`; what a call gives Java is the number of events done, then each one's outputs,
  // separated by U+001E (which JSON.stringify never writes raw). When an event fails, the call throws its
  // error (Java describes it as for a single event) and `progress.done` is that event's index. An event
  // whose transformation returns a promise ends the call: its jobs run when the call returns to Java,
  // which then settles it (`settleEvents`) and sends the rest in a new call.
  let progress = { done: 0, parts: [], holder: null };
  let current = null;
  const encode = () => progress.done + '\u001e' + progress.parts.slice(0, progress.done).join('\u001e');
  return {
    events(fn, eventsJson, metadataJson) {
      const common = JSON.parse(metadataJson);
      const events = JSON.parse(eventsJson);
      progress = { done: 0, parts: [], holder: null };
      for (let index = 0; index < events.length; index++) {
        const event = events[index];
        current = event.messageId;
        const input = { messageId: event.messageId, receivedAt: event.receivedAt };
        const metadata = Object.assign({}, common, { messageId: event.messageId, receivedAt: event.receivedAt,
          eventName: event.event, eventType: event.type });
        const result = fn(event, () => metadata);
        if (isThenable(result)) {
          progress.holder = pending(result, (value) => outputs(value, 'transformEvent', () => input));
          return null;
        }
        progress.parts.push(outputs(result, 'transformEvent', () => input));
        progress.done = index + 1;
      }
      return encode();
    },
    // After `events` returned null: the promise's jobs ran when it returned to Java; the events done, with it.
    settleEvents() {
      const holder = progress.holder;
      progress.holder = null;
      if (!holder.done) {
        throw contractError('the promise transformEvent returned never settled; await everything it starts');
      }
      if (holder.failed) throw holder.error;
      progress.parts.push(holder.finish(holder.value));
      progress.done++;
      return encode();
    },
    // After `events` or `settleEvents` threw: the events before the one that failed, encoded as above.
    progress() {
      current = null;
      return encode();
    },
    event(fn, eventJson, metadataJson) {
      current = null;
      const common = JSON.parse(metadataJson);
      const event = JSON.parse(eventJson);
      const input = { messageId: event.messageId, receivedAt: event.receivedAt };
      const metadata = Object.assign(common, { messageId: event.messageId, receivedAt: event.receivedAt,
        eventName: event.event, eventType: event.type });
      const result = fn(event, () => metadata);
      const inputFor = () => input;
      return isThenable(result) ? pending(result, (value) => outputs(value, 'transformEvent', inputFor))
        : outputs(result, 'transformEvent', inputFor);
    },
    batch(fn, eventsJson, metadataJson) {
      current = null;
      const common = JSON.parse(metadataJson);
      const events = JSON.parse(eventsJson);
      const byEvent = new WeakMap();
      const byMessageId = new Map();
      const inputs = new WeakMap();
      const metadatas = events.map((event) => Object.assign({}, common, { messageId: event.messageId,
        receivedAt: event.receivedAt, eventName: event.event, eventType: event.type }));
      events.forEach((event, index) => {
        byEvent.set(event, metadatas[index]);
        byMessageId.set(event.messageId, metadatas[index]);
      });
      const metadata = (event) => byEvent.get(event)
        || (isEvent(event) && byMessageId.get(event.messageId)) || metadatas[0];
      const inputFor = (output) => metadata(output);
      const result = fn(events, metadata);
      return isThenable(result) ? pending(result, (value) => batchOutputs(value, inputFor))
        : batchOutputs(result, inputFor);
    },
    settle(holder, what) {
      if (!holder.done) {
        throw contractError('the promise ' + what + ' returned never settled; await everything it starts');
      }
      if (holder.failed) throw holder.error;
      return holder.finish(holder.value);
    }
  };
})()
