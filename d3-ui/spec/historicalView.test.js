import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dom, fakeApi, settle } from './support.js';
import { historicalView } from '../src/views/historical.js';
import { parseState } from '../src/state.js';

const NOW = Date.parse('2026-11-24T22:00:30Z');

function mount(search = '?view=historical&topic=apple&range=24h', api = fakeApi()) {
  const env = dom();
  const navigations = [];
  let state = parseState(search);
  const view = historicalView(env.root, {
    api,
    state,
    now: () => NOW,
    navigate: (patch) => {
      navigations.push(patch);
      state = { ...state, ...patch };
      view.update(state);
    },
  });
  return { ...env, api, view, navigations, state: () => state };
}

test('the overview covers the picked range and the detail starts as the whole range', async () => {
  const { api, root, view } = mount();
  await settle();
  const [overview, detail] = api.calls.filter((c) => c.kind === 'series');
  assert.equal(overview.to - overview.from, 86400e3);
  assert.equal(overview.step, 'auto');
  assert.deepEqual([+detail.from, +detail.to], [+overview.from, +overview.to]);
  assert.ok(root.querySelector('svg.overview-chart .brush'));
  assert.equal(root.querySelector('.ranges button[data-range="24h"]').getAttribute('aria-pressed'), 'true');
  assert.match(root.querySelector('.detail-range').textContent, /^Whole range/);
  view.destroy();
});

test('brushing records the brush and the detail and extremes follow it', async () => {
  const { api, root, view, navigations } = mount();
  await settle();
  const before = api.calls.length;
  // keyboard brushing: the overview emits the moved selection as a brush end would
  const g = root.querySelector('g.brush');
  g.dispatchEvent(new root.ownerDocument.defaultView.KeyboardEvent('keydown', { key: 'ArrowLeft', bubbles: true }));
  assert.ok(navigations.at(-1).brush, 'keyboard brushing navigates with a brush');
  await settle();
  const nav = navigations.at(-1).brush;
  const ext = api.calls.slice(before).filter((c) => c.kind === 'extremes').at(-1);
  assert.deepEqual([+ext.from, +ext.to], [+nav[0], +nav[1]]);
  assert.match(root.querySelector('.detail-range').textContent, /^Selected/);
  assert.equal(root.querySelector('.detail').dataset.range, `${nav[0].toISOString()}~${nav[1].toISOString()}`);
  view.destroy();
});

test('a brush in the URL is restored without refetching the overview', async () => {
  const b0 = new Date(NOW - 3 * 3600e3).toISOString();
  const b1 = new Date(NOW - 3600e3).toISOString();
  const { api, view, root } = mount(`?view=historical&topic=apple&range=24h&brush=${b0}~${b1}`);
  await settle();
  const ext = api.calls.find((c) => c.kind === 'extremes');
  assert.deepEqual([ext.from.toISOString(), ext.to.toISOString()], [b0, b1]);
  const overviews = api.calls.filter((c) => c.kind === 'series' && c.to - c.from === 86400e3).length;
  view.update(parseState(`?view=historical&topic=apple&range=24h`));
  await settle();
  assert.equal(api.calls.filter((c) => c.kind === 'series' && c.to - c.from === 86400e3).length, overviews + 1, 'only the detail (whole range) is fetched again');
  assert.match(root.querySelector('.detail-range').textContent, /^Whole range/);
  view.destroy();
});

test('the range buttons and the custom form navigate; a bad custom range is refused', async () => {
  const { root, view, navigations } = mount();
  await settle();
  root.querySelector('.ranges button[data-range="7d"]').click();
  assert.equal(navigations.at(-1).range, '7d');
  root.querySelector('.ranges button[data-range="custom"]').click();
  const form = root.querySelector('form.custom');
  assert.equal(form.hidden, false);
  form.querySelector('input[name="from"]').value = '2026-11-20T10:00';
  form.querySelector('input[name="to"]').value = '2026-11-20T09:00';
  form.dispatchEvent(new root.ownerDocument.defaultView.Event('submit', { cancelable: true }));
  assert.match(root.querySelector('.field-error').textContent, /start before the end/);
  form.querySelector('input[name="to"]').value = '2026-11-21T09:00';
  form.dispatchEvent(new root.ownerDocument.defaultView.Event('submit', { cancelable: true }));
  assert.equal(navigations.at(-1).range, 'custom');
  assert.equal(navigations.at(-1).to - navigations.at(-1).from, 23 * 3600e3);
  assert.equal(root.querySelector('.field-error').textContent, '');
  view.destroy();
});

test('empty and failing ranges show their states', async () => {
  const empty = mount('?view=historical&topic=apple&range=1h', fakeApi({ series: { from: '', to: '', step: '1m', series: [{ topic: 'apple', points: [] }] } }));
  await settle();
  assert.match(empty.root.querySelector('.overview p.state.empty').textContent, /No posts in this range/);
  empty.view.destroy();
  const failing = mount('?view=historical&topic=apple&range=1h', fakeApi({ fail: () => true }));
  await settle();
  assert.match(failing.root.querySelector('.overview p.state.error').textContent, /Could not load the range: HTTP 503/);
  assert.equal(failing.root.querySelector('.detail p.state.error').getAttribute('role'), 'alert');
  failing.view.destroy();
});

// An archive of another day: the topics endpoint says where the data is.
const ARCHIVE = [{ topic: 'apple', first: '2024-03-10T09:00:00Z', last: '2024-03-10T11:59:00Z' }];

function mountWith(search, known, api = fakeApi()) {
  const env = dom();
  const navigations = [];
  let state = parseState(search);
  const view = historicalView(env.root, {
    api,
    state,
    now: () => NOW,
    topics: known,
    navigate: (patch, opts) => {
      navigations.push({ patch, opts });
      state = { ...state, ...patch };
      view.update(state);
    },
  });
  return { ...env, api, view, navigations };
}

test('the default range without data opens on the data, says so, and records it in the URL', async () => {
  const { api, root, view, navigations } = mountWith('?view=historical&topic=apple', ARCHIVE);
  await settle();
  const overview = api.calls.find((c) => c.kind === 'series');
  assert.equal(overview.from.toISOString(), '2024-03-10T09:00:00.000Z');
  assert.equal(overview.to.toISOString(), '2024-03-10T12:00:00.000Z');
  assert.equal(api.calls.filter((c) => c.kind === 'series' && +c.to === NOW).length, 0, 'the empty 24 h are never asked for');
  const notice = root.querySelector('.notice');
  assert.equal(notice.hidden, false);
  assert.equal(notice.getAttribute('role'), 'status');
  assert.match(notice.textContent, /No posts of apple in the last 24 h: showing all their data/);
  assert.equal(notice.dataset.reason, 'opened-on-data');
  const recorded = navigations.at(-1);
  assert.equal(recorded.patch.range, 'custom');
  assert.equal(recorded.patch.from.toISOString(), '2024-03-10T09:00:00.000Z');
  assert.deepEqual(recorded.opts, { replace: true });
  assert.equal(root.querySelector('.ranges button[data-range="custom"]').getAttribute('aria-pressed'), 'true');
  assert.equal(root.querySelector('.detail').dataset.range, '2024-03-10T09:00:00.000Z~2024-03-10T12:00:00.000Z');
  view.destroy();
});

test('a picked range without data offers a one-click jump to the data', async () => {
  const { root, view, navigations, api } = mountWith('?view=historical&topic=apple&range=7d', ARCHIVE);
  await settle();
  assert.equal(api.calls.find((c) => c.kind === 'series').to - api.calls.find((c) => c.kind === 'series').from, 7 * 86400e3, 'an asked range is kept');
  const notice = root.querySelector('.notice');
  assert.equal(notice.dataset.reason, 'no-data');
  assert.match(notice.textContent, /No posts of apple in this range/);
  const jump = notice.querySelector('button.jump-to-data');
  assert.match(jump.textContent, /^Jump to the data/);
  jump.click();
  const last = navigations.at(-1);
  assert.equal(last.patch.range, 'custom');
  assert.equal(last.patch.to.toISOString(), '2024-03-10T12:00:00.000Z');
  assert.equal(last.opts, undefined, 'a jump is a history entry (back returns)');
  await settle();
  assert.equal(root.querySelector('.notice').hidden, true, 'the notice goes once the data is shown');
  view.destroy();
});

test('a default range that holds data shows no notice', async () => {
  const known = [{ topic: 'apple', first: '2026-11-24T00:00:00Z', last: '2026-11-24T21:56:00Z' }];
  const { root, view, navigations } = mountWith('?view=historical&topic=apple', known);
  await settle();
  assert.equal(root.querySelector('.notice').hidden, true);
  assert.equal(navigations.length, 0);
  view.destroy();
});
