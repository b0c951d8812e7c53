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
  // transformEvent on the events of a request in one call. What a call gives Java is one JSON array with an
  // element per event done, written by one JSON.stringify at the end of the call: the output event (an
  // object), null when the event was dropped, an array of output events for a fan-out, or a string when
  // what the transformation returned cannot be written as JSON (that event's error). So an event is read
  // when the call ends, as RudderStack's transformer reads the results of a batch: an object the
  // transformation returns and then changes while transforming a later event of the same call is
  // written as it is at the end. When an event throws, the call throws its error (Java describes it as
  // for a single event) and `progress()` gives the events before it. An event whose transformation
  // returns a promise ends the call: its jobs run when the call returns to Java, which then settles it
  // (`settleEvents`) and sends the rest in a new call.
  //
  // This runs for every event the collector takes in, interpreted (GraalJS has no compiler on a stock
  // JDK), so it does as little as it can per event: the events are parsed in one JSON.parse and written
  // in one JSON.stringify (each call of either costs far more than the work per byte), the metadata
  // object is made only when the transformation asks for it, and an event returned as one object is
  // completed without the fan-out bookkeeping.
  let common = null;
  let current = null;
  let currentReceivedAt;
  let currentName;
  let currentType;
  let currentMetadata = null;
  let results = [];
  let holder = null;
  const metadataOfCurrent = () => {
    if (currentMetadata === null) {
      currentMetadata = { sourceId: common.sourceId, sourceName: common.sourceName, sourceType: common.sourceType,
        destinationId: common.destinationId, destinationName: common.destinationName,
        destinationType: common.destinationType, messageId: current, receivedAt: currentReceivedAt,
        eventName: currentName, eventType: currentType };
    }
    return currentMetadata;
  };
  const completeOne = (output, seen) => {
    const id = output.messageId;
    if (id === undefined || id === null || id === '') {
      output.messageId = current ? String(current) : 'sluice-' + Date.now() + '-' + (generated++);
    } else if (typeof id !== 'string') {
      output.messageId = String(id);
    }
    if (seen !== null) {
      let unique = output.messageId;
      for (let copy = 1; seen.has(unique); copy++) unique = output.messageId + '-' + copy;
      output.messageId = unique;
      seen.add(unique);
    }
    if (output.receivedAt === undefined && currentReceivedAt !== undefined) output.receivedAt = currentReceivedAt;
    return output;
  };
  // Outside `eventResult` and `events`, so that their frames hold no variable a closure captures (an
  // interpreted function whose variables are captured allocates its frame on every call).
  const fanOut = (result) => {
    const seen = new Set();
    const objects = new Set();
    const kept = [];
    for (let index = 0; index < result.length; index++) {
      let element = result[index];
      if (element === null || element === undefined) continue;
      if (!isEvent(element)) {
        throw contractError('transformEvent returned an array whose element ' + index + ' is ' + describe(element)
          + ', not an event object');
      }
      // The same object twice is two events: each gets its own message id.
      if (objects.has(element)) element = Object.assign({}, element);
      objects.add(element);
      kept.push(completeOne(element, seen));
    }
    return kept;
  };
  // One event's result as `events` gives it to Java; throws when it is not an event, an array of them or null.
  const eventResult = (result) => {
    if (result !== null && typeof result === 'object' && !Array.isArray(result)) return completeOne(result, null);
    if (result === null || result === undefined) return null;
    if (Array.isArray(result)) return fanOut(result);
    throw contractError('transformEvent returned ' + describe(result) + ', not an event object, an array of them, '
      + 'or null to drop the event');
  };
  const unwritable = (error) => 'transformEvent returned an event that cannot be written as JSON: ' + String(error);
  // The results as one JSON array; a result JSON.stringify refuses (a cycle, a BigInt) becomes its error.
  const encode = () => {
    try {
      return JSON.stringify(results);
    } catch (error) {
      return '[' + results.map((result) => {
        try { return JSON.stringify(result); } catch (e) { return JSON.stringify(unwritable(e)); }
      }).join(',') + ']';
    }
  };
  const awaitCurrent = (promise) => {
    const messageId = current;
    const receivedAt = currentReceivedAt;
    holder = pending(promise, (value) => {
      current = messageId;
      currentReceivedAt = receivedAt;
      return eventResult(value);
    });
  };
  return {
    events(fn, eventsJson, metadataJson) {
      common = JSON.parse(metadataJson);
      const events = JSON.parse(eventsJson);
      results = [];
      holder = null;
      for (let index = 0; index < events.length; index++) {
        const event = events[index];
        current = event.messageId;
        currentReceivedAt = event.receivedAt;
        currentName = event.event;
        currentType = event.type;
        currentMetadata = null;
        const result = fn(event, metadataOfCurrent);
        if (result !== null && typeof result === 'object' && typeof result.then === 'function') {
          awaitCurrent(result);
          return null;
        }
        results.push(eventResult(result));
      }
      return encode();
    },
    // After `events` returned null: the promise's jobs ran when it returned to Java; the events done, with it.
    settleEvents() {
      const settling = holder;
      holder = null;
      if (!settling.done) {
        throw contractError('the promise transformEvent returned never settled; await everything it starts');
      }
      if (settling.failed) throw settling.error;
      results.push(settling.finish(settling.value));
      return encode();
    },
    // After `events` or `settleEvents` threw: the events before the one that failed, encoded as above.
    progress() {
      current = null;
      return encode();
    },
    batch(fn, eventsJson, metadataJson) {
      current = null;
      currentReceivedAt = undefined;
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
