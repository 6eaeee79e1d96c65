// Browser test of the dashboard in Debian Chromium against a running REST service.
// Usage: node e2e/dashboard.e2e.mjs <baseUrl> <screenshotDir>
// Run by local/src/test/java/io/moodstream/local/DashboardIT.java, which seeds HBase and talks to
// this script over stdin/stdout: the script prints "E2E write-live-bucket" and waits for the
// line "E2E written <minute ISO>" once the IT has written a new minute for topic "apple".
// Exit status 0 when every check passed, 1 otherwise (each failure printed as "E2E FAIL ...").
import { mkdirSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { chromium } from 'playwright-core';

const [base, shots] = process.argv.slice(2);
if (!base || !shots) {
  console.error('usage: node e2e/dashboard.e2e.mjs <baseUrl> <screenshotDir>');
  process.exit(2);
}
mkdirSync(shots, { recursive: true });
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];
// A hung browser must not hang the build: the whole run gets 150 s.
setTimeout(() => {
  console.log('E2E FAIL timeout: the run took longer than 150 s');
  process.exit(1);
}, 150e3).unref();

const failures = [];
const log = (...a) => console.log('E2E', ...a);
function check(ok, what) {
  if (ok) log('ok  ', what);
  else {
    failures.push(what);
    console.log('E2E FAIL', what);
  }
}

const lines = createInterface({ input: process.stdin });
const waiting = [];
lines.on('line', (l) => waiting.shift()?.(l));
const nextLine = () => new Promise((resolve) => waiting.push(resolve));

const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
const consoleErrors = [];

async function open(path, viewport = { width: 1280, height: 900 }, { expectErrors = false } = {}) {
  const context = await browser.newContext({ viewport, timezoneId: 'Europe/Paris', locale: 'en-GB' });
  const page = await context.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error' && !expectErrors) consoleErrors.push(`${path}: ${m.text()}`);
  });
  page.on('pageerror', (e) => consoleErrors.push(`${path}: ${e.message}`));
  page.on('response', (r) => {
    if (r.status() >= 400) consoleErrors.push(`${path}: HTTP ${r.status()} for ${r.url()}`);
  });
  const requests = [];
  page.on('request', (r) => {
    if (r.url().includes('/api/v1/')) requests.push(new URL(r.url()));
  });
  const response = await page.goto(base + path);
  return { page, context, requests, response };
}

async function step(name, fn) {
  try {
    await fn();
  } catch (e) {
    check(false, `${name}: ${e.message.split('\n')[0]}`);
  }
}

// 1. Live: loads the last 60 minutes, goes live, and draws a newly written minute without reload.
await step('live', async () => {
  const { page, context, response } = await open('/?view=live&topic=apple');
  const csp = response.headers()['content-security-policy'] ?? '';
  check(csp.includes("default-src 'none'") && csp.includes("frame-ancestors 'none'"), `live: the page comes with a Content-Security-Policy (${csp.slice(0, 40)}…)`);
  check(response.headers()['x-content-type-options'] === 'nosniff', 'live: X-Content-Type-Options nosniff');
  await page.waitForSelector('.indicator[data-status="live"]', { timeout: 20e3 });
  await page.waitForFunction(() => document.querySelector('.panel')?.dataset.lastBucket, null, { timeout: 20e3 });
  check((await page.locator('.line-chart path.mean').count()) === 1, 'live: one mean line');
  check((await page.locator('.volume-chart .bars rect').count()) > 30, 'live: volume bars for the last hour');
  check((await page.locator('section.positive li.card:not(.empty)').count()) > 0, 'live: most positive cards');
  check((await page.locator('.line-chart[role="img"][aria-label]').count()) === 1, 'live: chart has an ARIA label');
  const overlay = await page.locator('.line-chart .overlay rect').boundingBox();
  await page.mouse.move(overlay.x + overlay.width * 0.5, overlay.y + overlay.height / 2);
  const readout = await page.locator('.line-chart .focus text').textContent();
  check(/^\d{4}-\d\d-\d\d (\d\d):\d\d \(\d{4}-\d\d-\d\d (\d\d):\d\d UTC\)/.test(readout), `live: hover shows local time with UTC (${readout})`);
  const [, localH, utcH] = readout.match(/ (\d\d):\d\d \(.* (\d\d):\d\d UTC/) ?? [];
  check(localH !== utcH, 'live: the local time is the browser zone (Europe/Paris), not UTC');
  await page.screenshot({ path: `${shots}/live.png`, fullPage: true });
  await page.mouse.move(0, 0);
  const before = await page.evaluate(() => ({
    redraws: Number(document.querySelector('.panel').dataset.redraws),
    last: document.querySelector('.panel').dataset.lastBucket,
  }));
  log('write-live-bucket');
  const reply = await nextLine();
  const minute = reply.replace(/^E2E written /, '').trim();
  const iso = new Date(minute).toISOString();
  await page.waitForSelector(`.volume-chart rect[data-start="${iso}"]`, { timeout: 20e3 });
  const after = await page.evaluate(() => ({
    redraws: Number(document.querySelector('.panel').dataset.redraws),
    last: document.querySelector('.panel').dataset.lastBucket,
    navs: performance.getEntriesByType('navigation').length,
  }));
  check(after.last === iso && after.last !== before.last, `live: new minute ${iso} drawn (was ${before.last})`);
  check(after.redraws > before.redraws, 'live: redrawn');
  check(after.navs === 1, 'live: no page reload');
  await page.screenshot({ path: `${shots}/live-new-minute.png`, fullPage: true });
  await context.close();
});

// 2. Historical: brushing changes the requested range and the extremes; the URL holds it; back works.
await step('historical', async () => {
  const { page, context, requests } = await open('/?view=historical&topic=apple&range=24h');
  await page.waitForSelector('.overview-chart .brush .overlay', { timeout: 20e3 });
  await page.waitForFunction(() => document.querySelector('.detail')?.dataset.extremes, null, { timeout: 20e3 });
  const first = await page.evaluate(() => ({ range: document.querySelector('.detail').dataset.range, extremes: document.querySelector('.detail').dataset.extremes }));
  const firstExtremes = requests.filter((u) => u.pathname.endsWith('/extremes')).length;
  await page.screenshot({ path: `${shots}/historical.png`, fullPage: true });
  const box = await page.locator('.overview-chart .brush .overlay').boundingBox();
  await page.mouse.move(box.x + box.width * 0.8, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.9, box.y + box.height / 2, { steps: 5 });
  await page.mouse.move(box.x + box.width * 0.98, box.y + box.height / 2, { steps: 5 });
  await page.mouse.up();
  await page.waitForFunction((r) => document.querySelector('.detail').dataset.range !== r, first.range, { timeout: 10e3 });
  await page.waitForFunction((e) => document.querySelector('.detail').dataset.extremes && document.querySelector('.detail').dataset.extremes !== e, first.extremes, { timeout: 10e3 });
  const brushed = await page.evaluate(() => ({ range: document.querySelector('.detail').dataset.range, extremes: document.querySelector('.detail').dataset.extremes, url: location.search }));
  const extremesCalls = requests.filter((u) => u.pathname.endsWith('/extremes'));
  const last = extremesCalls.at(-1);
  const [b0, b1] = brushed.range.split('~');
  check(extremesCalls.length > firstExtremes, 'historical: brushing requested new extremes');
  check(last.searchParams.get('from') === b0 && last.searchParams.get('to') === b1, `historical: extremes asked for the brushed range ${b0}..${b1}`);
  check(Date.parse(b1) - Date.parse(b0) < 0.3 * 86400e3, 'historical: brushed range is a sub-range');
  check(brushed.extremes !== first.extremes, 'historical: extremes changed with the brush');
  check(brushed.url.includes('brush='), 'historical: the URL holds the brush');
  await page.screenshot({ path: `${shots}/historical-brushed.png`, fullPage: true });
  await page.goBack();
  await page.waitForFunction((r) => document.querySelector('.detail').dataset.range === r, first.range, { timeout: 10e3 });
  check(!(await page.evaluate(() => location.search)).includes('brush='), 'historical: back button restores the unbrushed range');
  await page.locator('.overview-chart g.brush').focus();
  await page.keyboard.press('+');
  await page.waitForFunction(() => location.search.includes('brush='), null, { timeout: 5e3 });
  await page.waitForFunction((r) => document.querySelector('.detail').dataset.range !== r, first.range, { timeout: 10e3 });
  check(true, 'historical: the brush works from the keyboard');
  await page.locator('.ranges button[data-range="7d"]').click();
  await page.waitForFunction(() => location.search.includes('range=7d'), null, { timeout: 5e3 });
  check((await page.locator('.ranges button[data-range="7d"]').getAttribute('aria-pressed')) === 'true', 'historical: range picker switches to 7 d');
  await page.waitForSelector('.overview .panel-state[data-state="ready"]', { state: 'attached', timeout: 20e3 }).catch(async (e) => {
    throw new Error(`7 d overview not ready: ${(await page.locator(".overview").innerText()).replace(/\n/g, " | ")} ${requests.map(String).slice(-3).join(" ")}`);
  });
  check((await page.locator('.overview-chart .mean path').count()) === 1, 'historical: the 7 d overview is drawn');
  await page.waitForSelector('.detail .panel-state[data-state="ready"]', { state: 'attached', timeout: 20e3 });
  await page.screenshot({ path: `${shots}/historical-7d.png`, fullPage: true });
  await context.close();
});

// 3. Replay: play at 600× advances the replay time and redraws the panel from range queries.
await step('replay', async () => {
  const to = new Date(Math.floor(Date.now() / 60e3) * 60e3 - 3600e3);
  const from = new Date(+to - 3 * 3600e3);
  const { page, context, requests } = await open(`/?view=replay&topic=apple&from=${from.toISOString()}&to=${to.toISOString()}&speed=600`);
  await page.waitForFunction(() => document.querySelector('.panel')?.dataset.lastBucket, null, { timeout: 20e3 });
  const t0 = await page.evaluate(() => document.querySelector('.replay').dataset.replayAt);
  const w0 = await page.evaluate(() => document.querySelector('.panel').dataset.window);
  await page.locator('button.play').click();
  await page.waitForTimeout(2500);
  await page.locator('button.play').click();
  const t1 = await page.evaluate(() => document.querySelector('.replay').dataset.replayAt);
  const w1 = await page.evaluate(() => document.querySelector('.panel').dataset.window);
  check(Date.parse(t1) - Date.parse(t0) >= 10 * 60e3, `replay: 600× advanced ${t0} → ${t1}`);
  check(w1 !== w0, 'replay: the charts follow the replay time');
  check(requests.some((u) => u.pathname.endsWith('/series') && u.searchParams.get('step') === '1m'), 'replay: driven by range queries');
  await page.locator('button.step').click();
  await page.waitForFunction((t) => document.querySelector('.replay').dataset.replayAt !== t, t1, { timeout: 5e3 });
  const t2 = await page.evaluate(() => document.querySelector('.replay').dataset.replayAt);
  check(Date.parse(t2) - Date.parse(t1) === 60e3, 'replay: step moves one minute');
  await page.screenshot({ path: `${shots}/replay.png`, fullPage: true });
  await context.close();
});

// 4. Topics: two compared on the same axes.
await step('compare', async () => {
  const { page, context } = await open('/?view=historical&topic=apple&topic=banana&range=1h');
  await page.waitForFunction(() => document.querySelectorAll('.detail .line-chart path.mean').length === 2, null, { timeout: 20e3 });
  check(true, 'compare: two topics on one chart');
  check((await page.locator('.detail .share-chart .labels text').count()) === 2, 'compare: one share bar per topic');
  await page.screenshot({ path: `${shots}/compare.png`, fullPage: true });
  await context.close();
});

// 5. Craft: 360 px wide without horizontal scrolling; controls reachable with the keyboard.
await step('narrow', async () => {
  const { page, context } = await open('/?view=live&topic=apple', { width: 360, height: 780 });
  await page.waitForFunction(() => document.querySelector('.panel')?.dataset.lastBucket, null, { timeout: 20e3 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  check(overflow <= 1, `narrow: no horizontal scroll at 360 px (overflow ${overflow})`);
  const focused = [];
  for (let i = 0; i < 6; i++) {
    await page.keyboard.press('Tab');
    focused.push(await page.evaluate(() => document.activeElement?.tagName + (document.activeElement?.textContent ? ':' + document.activeElement.textContent.trim().slice(0, 12) : '')));
  }
  check(focused.some((f) => f.startsWith('A:Historical')) && focused.some((f) => f.startsWith('INPUT')), `narrow: keyboard reaches nav and topics (${focused.join(', ')})`);
  await page.screenshot({ path: `${shots}/live-360px.png`, fullPage: true });
  await context.close();
});

// 6. An archive of another day (topic "archive": 2024-03-10 09:00–12:00 UTC, seeded by the IT):
// the views open on the data, say so, offer a jump to it; live explains its empty start.
await step('archive', async () => {
  const { page, context, requests } = await open('/?view=historical&topic=archive');
  await page.waitForSelector('.notice[data-reason="opened-on-data"]', { timeout: 20e3 });
  const notice = await page.locator('.notice').innerText();
  check(/No posts of archive in the last 24 h: showing all their data/.test(notice), `archive: historical says it opened on the data (${notice})`);
  await page.waitForFunction(() => location.search.includes('range=custom'), null, { timeout: 5e3 });
  const q = new URLSearchParams(await page.evaluate(() => location.search));
  check(q.get('from')?.startsWith('2024-03-10T09:00') && q.get('to')?.startsWith('2024-03-10T12:00'), `archive: the URL holds the data's range (${q.get('from')} – ${q.get('to')})`);
  await page.waitForSelector('.overview .panel-state[data-state="ready"]', { state: 'attached', timeout: 20e3 });
  await page.waitForSelector('.detail .panel-state[data-state="ready"]', { state: 'attached', timeout: 20e3 });
  check((await page.locator('.overview-chart .mean path').count()) === 1, 'archive: the overview chart is drawn');
  const bars = await page.locator('.detail .volume-chart .bars rect').count();
  check(bars > 100, `archive: the detail charts show the day's minutes (${bars} bars)`);
  check((await page.locator('.detail .line-chart path.mean').count()) === 1, 'archive: the mean line is drawn');
  const asked = requests.filter((u) => u.pathname.endsWith('/series')).map((u) => u.searchParams.get('to'));
  check(asked.length > 0 && asked.every((t) => t.startsWith('2024-03-10')), `archive: only the data's day was asked for (${asked.join(', ')})`);
  await page.screenshot({ path: `${shots}/historical-archive.png`, fullPage: true });

  await page.goto(`${base}/?view=historical&topic=archive&range=7d`);
  await page.waitForSelector('.notice button.jump-to-data', { timeout: 20e3 });
  check(/No posts of archive in this range/.test(await page.locator('.notice').innerText()), 'archive: a picked range without data says so');
  await page.locator('.notice button.jump-to-data').click();
  await page.waitForFunction(() => location.search.includes('range=custom'), null, { timeout: 5e3 });
  await page.waitForFunction(() => document.querySelectorAll('.detail .volume-chart .bars rect').length > 100, null, { timeout: 20e3 });
  check(await page.locator('.notice').isHidden(), 'archive: one click jumps to the data and the notice goes');
  await page.screenshot({ path: `${shots}/historical-archive-jump.png`, fullPage: true });

  await page.goto(`${base}/?view=replay&topic=archive`);
  await page.waitForSelector('.notice[data-reason="opened-on-data"]', { timeout: 20e3 });
  await page.waitForFunction(() => document.querySelector('.panel')?.dataset.lastBucket, null, { timeout: 20e3 });
  const replay = await page.evaluate(() => ({ at: document.querySelector('.replay').dataset.replayAt, last: document.querySelector('.panel').dataset.lastBucket }));
  check(replay.at.startsWith('2024-03-10T09:00') && replay.last.startsWith('2024-03-10'), `archive: replay opens on the data (${replay.at}, last bucket ${replay.last})`);
  check(/replaying the last 3 h of their data/.test(await page.locator('.notice').innerText()), 'archive: replay says so');
  await page.screenshot({ path: `${shots}/replay-archive.png`, fullPage: true });

  await page.goto(`${base}/?view=live&topic=archive`);
  await page.waitForSelector('.panel-state p.state.empty', { timeout: 20e3 });
  const waiting = await page.locator('.panel-state p.state.empty').innerText();
  check(/^Waiting for the first minute/.test(waiting), `archive: live explains its empty start (${waiting})`);
  check((await page.locator('.notice a.see-historical').count()) === 1, 'archive: live links to where the data is');
  await page.screenshot({ path: `${shots}/live-waiting.png`, fullPage: true });
  await context.close();
});

check(consoleErrors.length === 0, `no console errors${consoleErrors.length ? ': ' + consoleErrors.join(' | ') : ''}`);
await browser.close();
lines.close();
console.log(`E2E ${failures.length ? 'FAILED' : 'PASSED'}: ${failures.length} failure(s)`);
process.exit(failures.length ? 1 : 0);
