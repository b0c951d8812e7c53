// Drives the Sluice web console in headless Chromium (Debian's package) with playwright-core and
// prints what it saw as JSON for ConsoleTest: console errors, the models pages, the DAG's geometry
// and links, runs and a schedule triggered by buttons, live events (hostile content, filter, pause,
// expand, fetching only new ones), the transformations page, logout. With a sync name, it only logs in and checks that sync's pages and button instead.
// Usage: node console-check.js BASE_URL ADMIN_TOKEN WRITE_KEY SCREENSHOT_DIR [SYNC]
const path = require('path');
const { chromium } = require('playwright-core');

async function login(page, token) {
  await page.fill('#token', token);
  await Promise.all([page.waitForNavigation(), page.click('#login')]);
}

async function shoot(page, directory, name) {
  if (directory) {
    await page.evaluate(() => {
      window.scrollTo(0, 0);
      const toast = document.getElementById('toast');
      if (toast) toast.hidden = true;
    });
    await page.waitForTimeout(150);
    // The whole page, not only the window: what is below the fold belongs in the docs too.
    await page.screenshot({ path: path.join(directory, name + '.png'), fullPage: true });
  }
}

// Waits until an auto-refresh (or a reload) shows what `test` looks for.
async function refreshUntil(page, test, argument) {
  await page.waitForFunction(test, argument, { timeout: 60000, polling: 250 });
}

// The overview's syncs table, then the sync's page reached through its link: runs, refused rows, and
// the "Sync now" button starting a second run.
async function checkSync(page, base, token, sync, seen, shots) {
  await page.goto(base + '/');
  await login(page, token);
  seen.overviewSyncs = await page.$$eval('#syncs tr[data-sync]', (rows) => rows.map((row) => ({
    name: row.getAttribute('data-sync'), status: row.children[3].textContent,
    button: row.querySelector('button').textContent })));
  await Promise.all([page.waitForNavigation(), page.click('#syncs tr[data-sync="' + sync + '"] a')]);
  seen.syncUrl = page.url();
  seen.syncTitle = await page.textContent('h1');
  const syncRuns = () => page.$$eval('#sync-runs tr[data-run]', (rows) => rows.map((row) => ({
    status: row.children[1].textContent, sent: row.children[3].textContent, rejected: row.children[4].textContent })));
  seen.syncRuns = await syncRuns();
  seen.syncErrors = await page.$$eval('#sync-errors tr[data-key]', (rows) => rows.map((row) => ({
    key: row.getAttribute('data-key'), status: row.children[1].textContent, http: row.children[3].textContent,
    error: row.children[4].textContent })));
  await shoot(page, shots, 'sync');
  await page.click('#sync-now');
  await refreshUntil(page, () => document.querySelectorAll('#sync-runs tr[data-run]').length === 2
    && !document.querySelector('#sync-runs .badge.running'));
  seen.syncRunsAfterButton = await syncRuns();
}

async function finished(page) {
  await page.waitForFunction(() => {
    const state = document.querySelector('#state');
    return state && !['queued', 'running'].includes(state.textContent);
  }, null, { timeout: 60000 });
  return page.textContent('#state');
}

// A run that failed because a view it reads was dropped: rebuild the view from its model's page, then the
// failed run's "Retry failed models" runs the failed model and everything downstream of it.
async function checkRetry(page, base, failedRun, seen) {
  await page.goto(base + '/');
  seen.overviewRetry = await page.$('#runs tr[data-run="' + failedRun + '"] button.retry') !== null;
  await page.goto(base + '/models/stg_tracks');
  await Promise.all([page.waitForNavigation({ url: /\/runs\// }), page.click('#run-model')]);
  seen.viewRebuilt = await finished(page);
  await page.goto(base + '/runs/' + failedRun);
  seen.failedRunState = await page.textContent('#state');
  await Promise.all([page.waitForNavigation({ url: (url) => !url.href.endsWith(failedRun) }), page.click('#retry')]);
  seen.retried = { url: page.url(), state: await finished(page),
    selection: await page.textContent('#selection'),
    models: await page.$$eval('#models tr[data-model]', (rows) => rows.map((row) => row.getAttribute('data-model'))) };
}

// Every point of the DAG's edges, sampled along their paths, with the boxes of the models.
function dagGeometry() {
  const svg = document.getElementById('dag');
  const boxes = Array.from(svg.querySelectorAll('g.node')).map((node) => {
    const rect = node.querySelector('rect');
    const matrix = node.transform.baseVal.consolidate().matrix;
    return { model: node.getAttribute('data-model'), x: matrix.e, y: matrix.f,
      width: rect.width.baseVal.value, height: rect.height.baseVal.value };
  });
  const marker = svg.querySelector('marker#dag-arrow path');
  const edges = Array.from(svg.querySelectorAll('path.edge')).map((edge) => {
    const from = edge.getAttribute('data-from');
    const to = edge.getAttribute('data-to');
    const length = edge.getTotalLength();
    const end = edge.getPointAtLength(length);
    const target = boxes.find((box) => box.model === to);
    const through = new Set();
    for (let at = 0; at <= length; at += 2) {
      const point = edge.getPointAtLength(at);
      boxes.forEach((box) => {
        if (box.model !== from && box.model !== to && point.x > box.x + 1 && point.x < box.x + box.width - 1
          && point.y > box.y + 1 && point.y < box.y + box.height - 1) through.add(box.model);
      });
    }
    return { from, to, arrowhead: edge.getAttribute('marker-end') === 'url(#dag-arrow)' && marker !== null,
      endsAtChild: Math.abs(end.x - target.x) < 1.5 && end.y > target.y && end.y < target.y + target.height,
      through: Array.from(through) };
  });
  const overlaps = [];
  boxes.forEach((a, i) => boxes.slice(i + 1).forEach((b) => {
    if (a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height) {
      overlaps.push(a.model + '/' + b.model);
    }
  }));
  const links = Array.from(svg.querySelectorAll('a')).map((link) => ({ model: link.getAttribute('data-model'),
    href: link.getAttribute('href') }));
  return { edges, overlaps, links };
}

async function checkEvents(page, base, writeKey, seen) {
  await page.goto(base + '/events');
  await page.waitForSelector('#events tbody tr.event', { timeout: 30000 });
  const rows = () => page.$$eval('#events tbody tr.event', (list) => list.filter((row) => !row.hidden).map((row) => ({
    type: row.querySelector('.type').textContent, name: row.querySelector('.name').textContent,
    user: row.querySelector('.user').textContent, time: row.querySelector('time').textContent,
    timeTitle: row.querySelector('time').title })));
  seen.eventRows = await rows();
  seen.eventsInjected = await page.evaluate(() => ({ pwned: window.__pwned === undefined ? null : window.__pwned,
    images: document.querySelectorAll('#events img').length, scripts: document.querySelectorAll('#events script').length }));

  await page.fill('#event-filter', 'identify');
  seen.filteredRows = await rows();
  await page.fill('#event-filter', '');
  await page.selectOption('#event-type', 'track');
  seen.typeFilteredRows = await rows();
  await page.selectOption('#event-type', '');

  // Expand the identify event: its JSON, pretty-printed, masked.
  await page.click('#events tbody tr.event[data-type="identify"]');
  seen.expanded = await page.textContent('#events tr.detail pre');

  await page.click('#pause');
  const send = async (name) => page.evaluate(async ([key, event]) => {
    const response = await fetch('/v1/track', { method: 'POST', headers: { 'Content-Type': 'application/json',
      'Authorization': 'Basic ' + btoa(key + ':') }, body: JSON.stringify({ userId: 'u-live', event }) });
    return response.status;
  }, [writeKey, name]);
  seen.sentWhilePaused = await send('Sent While Paused');
  await page.waitForFunction(() => /new/.test(document.getElementById('pause-state').textContent), null,
    { timeout: 30000 });
  seen.pauseState = await page.textContent('#pause-state');
  seen.namesWhilePaused = (await rows()).map((row) => row.name);
  await page.click('#pause');
  await page.waitForFunction(() => Array.from(document.querySelectorAll('#events .name'))
    .some((cell) => cell.textContent === 'Sent While Paused'), null, { timeout: 30000 });
  seen.namesAfterResume = (await rows()).map((row) => row.name);
  // Polls after the first ask only for what is new.
  await page.waitForFunction(() => /after=/.test(document.body.getAttribute('data-events-url') || ''), null,
    { timeout: 30000 });
  seen.eventsUrl = await page.evaluate(() => document.body.getAttribute('data-events-url'));
}

// The transformations page: each transformation's counts and the newest lines it logged, as text.
async function checkTransformations(page, base, seen, shots) {
  await page.goto(base + '/transformations');
  await refreshUntil(page, () => Array.from(document.querySelectorAll('tr.log-line pre'))
    .some((line) => line.textContent.includes('Sent While Paused')));
  seen.transformations = await page.evaluate(() => ({
    names: Array.from(document.querySelectorAll('section[data-transformation]'))
      .map((section) => section.getAttribute('data-transformation')),
    received: Number(document.querySelector('section[data-transformation] table.counts td').textContent),
    lines: Array.from(document.querySelectorAll('tr.log-line pre')).map((line) => line.textContent),
    italics: document.querySelectorAll('tr.log-line i').length,
    messageIds: Array.from(document.querySelectorAll('tr.log-line td:nth-child(2)')).map((cell) => cell.textContent.trim()),
  }));
  await shoot(page, shots, 'transformations');
}

async function main() {
  const [base, token, writeKey, shots, sync, failedRun] = process.argv.slice(2);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-dev-shm-usage'],
  });
  const seen = { errors: [] };
  let page;
  try {
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.on('console', (message) => {
      if (message.type() === 'error') seen.errors.push(page.url() + ': ' + message.text());
    });
    page.on('pageerror', (error) => seen.errors.push(page.url() + ': ' + error.message));
    if (sync) {
      await checkSync(page, base, token, sync, seen, shots);
      await checkRetry(page, base, failedRun, seen);
      process.stdout.write(JSON.stringify(seen) + '\n');
      return;
    }

    await page.goto(base + '/');
    seen.redirectedToLogin = page.url().endsWith('/login');
    await shoot(page, shots, 'login');
    await page.fill('#token', 'not-the-token');
    await Promise.all([page.waitForNavigation(), page.click('#login')]);
    seen.wrongTokenError = (await page.textContent('#error')) || '';
    // The 401 answer above is expected; keep only errors after it.
    seen.errors = seen.errors.filter((line) => !line.includes('401'));

    await login(page, token);
    seen.overviewTitle = await page.textContent('h1');
    seen.eventsPerSecond = await page.textContent('#events-per-second');
    seen.schedules = await page.$$eval('#schedules tr[data-schedule]', (rows) => rows.map((row) => row.getAttribute('data-schedule')));

    // The DAG: geometry, arrowheads, and a click on a model opening its page.
    await page.goto(base + '/dag');
    seen.dagNodes = await page.$$eval('#dag g.node', (nodes) =>
      nodes.map((node) => ({ model: node.getAttribute('data-model'), status: node.getAttribute('data-status'),
        width: node.getBoundingClientRect().width })));
    seen.dag = await page.evaluate(dagGeometry);
    await Promise.all([page.waitForNavigation(), page.click('#dag g.node[data-model="customers"]')]);
    seen.dagClickUrl = page.url();
    seen.dagClickTitle = await page.textContent('h1');

    // A run from the overview's form (through the admin API), followed to its page.
    await page.goto(base + '/');
    await page.fill('#select', '+users');
    await Promise.all([page.waitForNavigation({ url: /\/runs\// }), page.click('#run')]);
    seen.runUrl = page.url();
    await page.waitForFunction(() => {
      const state = document.querySelector('#state');
      return state && !['queued', 'running'].includes(state.textContent);
    }, null, { timeout: 60000 });
    seen.runState = await page.textContent('#state');
    seen.runModels = await page.$$eval('#models tr[data-model]', (rows) => rows.map((row) => row.getAttribute('data-model')));
    seen.runTook = await page.$$eval('#models tr[data-model] td:nth-child(4)', (cells) => cells.map((cell) => cell.textContent));
    seen.runLog = await page.textContent('#log');
    seen.runTitle = await page.textContent('h1');
    await shoot(page, shots, 'run');

    // The models list and a model's page; its button starts a run of that model.
    await page.goto(base + '/models');
    seen.modelList = await page.$$eval('#model-list tr[data-model]', (rows) => rows.map((row) => ({
      model: row.getAttribute('data-model'), status: row.children[4].textContent, took: row.children[6].textContent })));
    await page.fill('#model-filter', 'stg_');
    seen.modelFilter = await page.$$eval('#model-list tr[data-model]', (rows) => rows.filter((row) => !row.hidden)
      .map((row) => row.getAttribute('data-model')));
    await page.fill('#model-filter', '');
    await shoot(page, shots, 'models');
    await Promise.all([page.waitForNavigation(), page.click('#model-list tr[data-model="users"] a')]);
    seen.modelPage = {
      title: await page.textContent('h1'),
      sql: await page.textContent('#sql'),
      columns: await page.$$eval('#columns tr[data-column]', (rows) => rows.map((row) => row.getAttribute('data-column'))),
      parents: await page.$$eval('#parents a', (links) => links.map((link) => link.getAttribute('href'))),
      runs: await page.$$eval('#model-runs tr[data-run]', (rows) => rows.map((row) => ({
        status: row.children[1].textContent, took: row.children[3].textContent }))),
      tests: await page.$$eval('#model-tests tr[data-test]', (rows) => rows.map((row) => row.getAttribute('data-test'))),
      // Every table's right edge inside its panel's: nothing runs past a box.
      overflowing: await page.$$eval('section.panel table', (tables) => tables.filter((table) =>
        table.getBoundingClientRect().right > table.closest('section.panel').getBoundingClientRect().right + 0.5)
        .map((table) => table.id || 'a table')),
    };
    await shoot(page, shots, 'model');
    await Promise.all([page.waitForNavigation({ url: /\/runs\// }), page.click('#run-model')]);
    await page.waitForFunction(() => {
      const state = document.querySelector('#state');
      return state && !['queued', 'running'].includes(state.textContent);
    }, null, { timeout: 60000 });
    seen.modelButtonRun = { state: await page.textContent('#state'), models: await page.$$eval('#models tr[data-model]',
      (rows) => rows.map((row) => row.getAttribute('data-model'))) };

    // A model whose SQL carries markup: shown as text.
    await page.goto(base + '/models/hostile');
    seen.hostileModel = await page.evaluate(() => ({ sql: document.getElementById('sql').textContent,
      scripts: document.querySelectorAll('#content script').length,
      pwned: window.__pwned === undefined ? null : window.__pwned }));

    // The overview: runs with human times, a schedule triggered by its button (auto-refresh shows it).
    await page.goto(base + '/');
    seen.overviewRuns = await page.$$eval('#runs tr[data-run]', (rows) => rows.map((row) => row.getAttribute('data-run')));
    seen.overviewTimes = await page.$$eval('#runs time', (times) => times.map((time) => ({ text: time.textContent,
      title: time.title, datetime: time.getAttribute('datetime') })));
    await page.click('#schedules tr[data-schedule="nightly"] button');
    await refreshUntil(page, () => {
      const badge = document.querySelector('#schedules tr[data-schedule="nightly"] .badge');
      return badge && badge.textContent !== 'never';
    });
    seen.scheduleAfterButton = await page.textContent('#schedules tr[data-schedule="nightly"] .badge');
    await shoot(page, shots, 'overview');

    // Sources: a stream never extracted, then the "Extract now" button (auto-refresh shows the result).
    await page.goto(base + '/sources');
    const streams = () => page.$$eval('section[data-source="billing"] tr[data-stream]', (rows) => rows.map((row) => ({
      stream: row.getAttribute('data-stream'), status: row.children[3].textContent, rows: row.children[6].textContent })));
    seen.sourcesListed = await page.$$eval('section[data-source]', (sections) => sections.map((section) =>
      section.getAttribute('data-source')));
    seen.sourcesBefore = await streams();
    await page.click('section[data-source="billing"] button.extract-now');
    await refreshUntil(page, () => {
      const row = document.querySelector('section[data-source="billing"] tr[data-stream="invoices"]');
      return row && row.children[3].textContent === 'ok' && row.children[6].textContent !== '';
    });
    seen.sourcesAfterButton = await streams();
    await shoot(page, shots, 'sources');

    await page.goto(base + '/dag');
    seen.dagAfterRun = await page.$$eval('#dag g.node', (nodes) =>
      Object.fromEntries(nodes.map((node) => [node.getAttribute('data-model'), node.getAttribute('data-status')])));
    await shoot(page, shots, 'dag');

    await checkEvents(page, base, writeKey, seen);
    await page.fill('#event-filter', '');
    await shoot(page, shots, 'events');
    await checkTransformations(page, base, seen, shots);

    // Logout: back to the login page; the old session opens nothing.
    await Promise.all([page.waitForNavigation(), page.click('#logout')]);
    seen.afterLogout = page.url();
    await page.goto(base + '/models');
    seen.afterLogoutModels = page.url();
    seen.apiAfterLogout = await page.evaluate(async () => (await fetch('/api/models')).status);
    seen.errors = seen.errors.filter((line) => !(line.includes('/login') && line.includes('401')));
  } catch (error) {
    // What the browser showed when it failed, for the test's message.
    const shown = page ? page.url() + '\n' + (await page.textContent('body').catch(() => '')) : '';
    console.error('seen so far: ' + JSON.stringify(seen) + '\npage: ' + shown.replace(/\s+/g, ' ').slice(0, 3000));
    throw error;
  } finally {
    await browser.close();
  }
  process.stdout.write(JSON.stringify(seen) + '\n');
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
