// Loads the real RudderStack browser SDK (@rudderstack/analytics-js v3, its self-contained "bundled"
// build from node_modules) in headless Chromium, in a page served here on one port, pointed at a Sluice
// collector on another port (so every call is cross-origin and CORS preflights are exercised), and
// sends page, identify, track, group and alias. Prints what it saw as JSON for BrowserSdkTest.
// No CDN: the SDK's plugins are in the bundle, sourceConfig comes from Sluice, and any request to
// a third origin is recorded (the test expects none).
// TRANSPORT: xhr (one request per event, the default), batch (XHR to /v1/batch), beacon
// (navigator.sendBeacon to /beacon/v1/batch) or retry (xhr against a collector that first answers 429:
// the SDK retries with its Rsa-Retry-* headers, which need the collector's CORS preflight to allow them).
// Usage: node browser-sdk-check.js COLLECTOR_URL WRITE_KEY TRANSPORT
const http = require('http');
const fs = require('fs');
const path = require('path');
const { chromium } = require('playwright-core');

const SDK = path.join(__dirname, 'node_modules/@rudderstack/analytics-js/dist/npm/modern/bundled/umd/index.js');
const EVENTS = 5;

// The SDK's load options per transport, and how many collector answers deliver the five events.
const TRANSPORTS = {
  xhr: { options: {}, requests: EVENTS },
  batch: { options: { queueOptions: { batch: { enabled: true, maxItems: EVENTS, flushInterval: 60000 } } }, requests: 1 },
  beacon: { options: { useBeacon: true, beaconQueueOptions: { maxItems: EVENTS, flushQueueInterval: 60000 } }, requests: 1 },
  retry: { options: {}, requests: EVENTS },
};

function page(collector, writeKey, transport) {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Browser SDK check</title><link rel="icon" href="data:,">
<script src="/sdk/analytics.js"></script>
<script>
  const analytics = new window.rudderanalytics.RudderAnalytics();
  window.rudderanalytics = analytics;
  analytics.load(${JSON.stringify(writeKey)}, ${JSON.stringify(collector)}, {
    configUrl: ${JSON.stringify(collector)},
    // Device-mode destinations and plugins would come from RudderStack's CDN: there are none
    // (Sluice's sourceConfig lists no destinations, the bundled build carries its plugins).
    destSDKBaseURL: location.origin + '/no-cdn/destinations',
    pluginsSDKBaseURL: location.origin + '/no-cdn/plugins',
    polyfillIfRequired: false,
    logLevel: 'ERROR',
    ...${JSON.stringify(TRANSPORTS[transport].options)},
  });
  analytics.ready(async () => {
    // A few milliseconds apart, so that each call gets a timestamp of its own: the test reads the events
    // back in timestamp order, and two calls in one millisecond would come back in name order.
    const tick = () => new Promise((resolve) => setTimeout(resolve, 5));
    analytics.page('Docs', 'Browser SDK', { section: 'collector' });
    await tick();
    analytics.identify('browser-user-1', { email: 'browser@example.com', plan: 'team' });
    await tick();
    analytics.track('Browser Clicked', { button: 'buy', price: 9.5 });
    await tick();
    analytics.group('org-1', { name: 'Acme' });
    await tick();
    analytics.alias('browser-user-2');
    window.sdkCalled = true;
  });
</script></head><body><h1>Browser SDK check</h1></body></html>`;
}

async function main() {
  const [collector, writeKey, transport] = process.argv.slice(2);
  if (!TRANSPORTS[transport]) throw new Error('transport: expected one of ' + Object.keys(TRANSPORTS) + ', got ' + transport);
  const seen = { errors: [], collectorRequests: [], otherRequests: [], noCdnRequests: [] };
  const server = http.createServer((request, response) => {
    if (request.url === '/' || request.url.startsWith('/?')) {
      response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      response.end(page(collector, writeKey, transport));
    } else if (request.url === '/sdk/analytics.js') {
      response.writeHead(200, { 'Content-Type': 'application/javascript' });
      fs.createReadStream(SDK).pipe(response);
    } else {
      if (request.url.startsWith('/no-cdn/')) seen.noCdnRequests.push(request.url);
      response.writeHead(404);
      response.end();
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = 'http://127.0.0.1:' + server.address().port;
  seen.pageOrigin = origin;

  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-dev-shm-usage'],
  });
  try {
    const page = await browser.newPage();
    page.on('console', (message) => {
      if (message.type() === 'error') seen.errors.push(message.text());
    });
    page.on('pageerror', (error) => seen.errors.push(error.message));
    page.on('requestfailed', (request) => seen.errors.push('failed: ' + request.method() + ' ' + request.url()
      + ' ' + (request.failure() || {}).errorText));
    page.on('request', (request) => {
      if (!request.url().startsWith(origin) && !request.url().startsWith(collector)) {
        seen.otherRequests.push(request.url());
      }
    });
    let delivered = 0;
    let resolveDelivered;
    const allDelivered = new Promise((resolve) => { resolveDelivered = resolve; });
    page.on('response', (response) => {
      if (!response.url().startsWith(collector)) return;
      const request = response.request();
      seen.collectorRequests.push({ method: request.method(), path: new URL(response.url()).pathname,
        status: response.status(), contentType: request.headers()['content-type'] || '',
        retryAttempt: request.headers()['rsa-retry-attempt'] || '',
        allowOrigin: response.headers()['access-control-allow-origin'] || '' });
      // The test counts the events in the warehouse; here we only wait for the expected answers.
      if (request.method() === 'POST' && response.status() === 200 && ++delivered >= TRANSPORTS[transport].requests) {
        resolveDelivered();
      }
    });
    await page.goto(origin + '/');
    seen.userAgent = await page.evaluate(() => navigator.userAgent);
    await page.waitForFunction(() => window.sdkCalled === true, null, { timeout: 60000 });
    let timer;
    await Promise.race([allDelivered, new Promise((resolve) => { timer = setTimeout(resolve, 60000); })]);
    clearTimeout(timer);
    seen.delivered = delivered;
    seen.pageUrl = page.url();
  } finally {
    await browser.close();
    server.close();
  }
  process.stdout.write(JSON.stringify(seen) + '\n');
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
