// Drives the Sluice web console in headless Chromium (Debian's package) with playwright-core and
// prints what it saw as JSON for ConsoleTest: console errors, the DAG, a run triggered from the page.
// With a sync name, it only logs in and follows the overview's link to that sync's page instead.
// Usage: node console-check.js BASE_URL ADMIN_TOKEN [SYNC]
const { chromium } = require('playwright-core');

async function login(page, token) {
  await page.fill('#token', token);
  await Promise.all([page.waitForNavigation(), page.click('#login')]);
}

// The overview's syncs table, then the sync's page reached through its link: runs and refused rows.
async function checkSync(page, base, token, sync, seen) {
  await page.goto(base + '/');
  await login(page, token);
  seen.overviewSyncs = await page.$$eval('#syncs tr[data-sync]', (rows) => rows.map((row) => ({
    name: row.getAttribute('data-sync'), status: row.children[3].textContent })));
  await Promise.all([page.waitForNavigation(), page.click('#syncs tr[data-sync="' + sync + '"] a')]);
  seen.syncUrl = page.url();
  seen.syncTitle = await page.textContent('h1');
  seen.syncRuns = await page.$$eval('#sync-runs tr[data-run]', (rows) => rows.map((row) => ({
    status: row.children[1].textContent, sent: row.children[3].textContent, rejected: row.children[4].textContent })));
  seen.syncErrors = await page.$$eval('#sync-errors tr[data-key]', (rows) => rows.map((row) => ({
    key: row.getAttribute('data-key'), status: row.children[1].textContent, http: row.children[3].textContent,
    error: row.children[4].textContent })));
}

async function main() {
  const [base, token, sync] = process.argv.slice(2);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-dev-shm-usage'],
  });
  const seen = { errors: [] };
  try {
    const page = await browser.newPage();
    page.on('console', (message) => {
      if (message.type() === 'error') seen.errors.push(page.url() + ': ' + message.text());
    });
    page.on('pageerror', (error) => seen.errors.push(page.url() + ': ' + error.message));
    if (sync) {
      await checkSync(page, base, token, sync, seen);
      process.stdout.write(JSON.stringify(seen) + '\n');
      return;
    }

    await page.goto(base + '/');
    seen.redirectedToLogin = page.url().endsWith('/login');
    await page.fill('#token', 'not-the-token');
    await Promise.all([page.waitForNavigation(), page.click('#login')]);
    seen.wrongTokenError = (await page.textContent('#error')) || '';
    // The 401 answer above is expected; keep only errors after it.
    seen.errors = seen.errors.filter((line) => !line.includes('401'));

    await login(page, token);
    seen.overviewTitle = await page.textContent('h1');
    seen.eventsPerSecond = await page.textContent('#events-per-second');
    seen.schedules = await page.$$eval('#schedules tr td:first-child', (cells) => cells.map((cell) => cell.textContent));

    await page.goto(base + '/dag');
    seen.dagNodes = await page.$$eval('#dag g.node', (nodes) =>
      nodes.map((node) => ({ model: node.getAttribute('data-model'), status: node.getAttribute('data-status'),
        width: node.getBoundingClientRect().width })));
    seen.dagEdges = await page.$$eval('#dag path.edge', (edges) => edges.length);

    await page.goto(base + '/');
    await page.fill('#select', '+users');
    await Promise.all([page.waitForNavigation(), page.click('#run')]);
    seen.runUrl = page.url();
    await page.waitForFunction(() => {
      const state = document.querySelector('#state');
      return state && !['queued', 'running'].includes(state.textContent);
    }, null, { timeout: 60000 });
    seen.runState = await page.textContent('#state');
    seen.runModels = await page.$$eval('#models tr[data-model]', (rows) => rows.map((row) => row.getAttribute('data-model')));
    seen.runLog = await page.textContent('#log');

    await page.goto(base + '/');
    seen.overviewRuns = await page.$$eval('#runs tr[data-run]', (rows) => rows.map((row) => row.getAttribute('data-run')));

    await page.goto(base + '/dag');
    seen.dagAfterRun = await page.$$eval('#dag g.node', (nodes) =>
      Object.fromEntries(nodes.map((node) => [node.getAttribute('data-model'), node.getAttribute('data-status')])));

    await page.goto(base + '/events');
    await page.waitForSelector('#events tbody tr', { timeout: 30000 });
    seen.events = await page.$$eval('#events tbody tr td:last-child', (cells) => cells.map((cell) => cell.textContent));
  } finally {
    await browser.close();
  }
  process.stdout.write(JSON.stringify(seen) + '\n');
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
