// Sends one identify, track, page, screen, group and alias through an official SDK to a Sluice
// collector, waits until the SDK has flushed them, and exits 0; any SDK error exits 1.
// Usage: node send-events.js rudder|segment <collector url> <write key>
'use strict';

const [sdk, url, writeKey] = process.argv.slice(2);
const userId = `${sdk}-user`;
const anonymousId = `${sdk}-anon`;

function fail(error) {
  console.error(`${sdk}: ${error && error.stack ? error.stack : JSON.stringify(error)}`);
  process.exit(1);
}

function calls(client) {
  client.identify({ userId, anonymousId, traits: { email: `${sdk}@example.com`, plan: 'pro' } });
  client.track({ userId, anonymousId, event: 'Order Completed', properties: { revenue: 42.5, currency: 'EUR', sdk } });
  client.page({ userId, anonymousId, category: 'Docs', name: 'Pricing', properties: { path: '/pricing' } });
  client.screen({ userId, anonymousId, name: 'Settings', properties: { tab: 'billing' } });
  client.group({ userId, anonymousId, groupId: `${sdk}-group`, traits: { name: 'Acme' } });
  client.alias({ userId, previousId: anonymousId });
}

async function rudder() {
  const Analytics = require('@rudderstack/rudder-sdk-node');
  const client = new Analytics(writeKey, { dataPlaneUrl: url, flushAt: 100, flushInterval: 60000, retryCount: 0,
    logLevel: 'error', errorHandler: fail });
  calls(client);
  await new Promise((resolve, reject) => client.flush((error) => (error ? reject(error) : resolve())));
}

async function segment() {
  const { Analytics } = require('@segment/analytics-node');
  const client = new Analytics({ writeKey, host: url, flushAt: 100, flushInterval: 60000, maxRetries: 0 });
  client.on('error', fail);
  calls(client);
  await client.closeAndFlush({ timeout: 30000 });
}

({ rudder, segment }[sdk] || (() => fail(`unknown sdk ${sdk}; expected rudder or segment`)))()
  .then(() => { console.log(`${sdk}: sent`); process.exit(0); }, fail);
