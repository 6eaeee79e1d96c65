import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dom, fakeApi, longSeries, manualTimers, settle } from './support.js';
import { replayView } from '../src/views/replay.js';
import { parseState } from '../src/state.js';

const first = Date.parse(longSeries(1).points[0].start);

function mount(extra = '') {
  const env = dom();
  const timers = manualTimers();
  const clock = { t: first + 86400e3 };
  const navigations = [];
  const api = fakeApi({ series: (q) => ({ step: '1m', series: q.topics.map((t) => longSeries(120, t)) }) });
  const from = new Date(first).toISOString();
  const to = new Date(first + 2 * 3600e3).toISOString();
  const view = replayView(env.root, {
    api,
    state: parseState(`?view=replay&topic=apple&from=${from}&to=${to}&speed=60${extra}`),
    now: () => clock.t,
    timers,
    navigate: (patch, opts) => navigations.push({ patch, opts }),
  });
  const at = () => Date.parse(env.root.querySelector('.replay').dataset.replayAt);
  return { ...env, timers, clock, api, view, navigations, at };
}

test('play at 60× moves one replay minute per real second and redraws from range queries', async () => {
  const { root, timers, clock, api, view, at } = mount();
  await settle();
  assert.equal(at(), first);
  const w0 = root.querySelector('.panel').dataset.window;
  root.querySelector('button.play').click();
  assert.equal(root.querySelector('button.play').getAttribute('aria-pressed'), 'true');
  for (let i = 0; i < 4; i++) {
    clock.t += 250;
    timers.tick();
  }
  assert.equal(at() - first, 60e3);
  await settle();
  assert.notEqual(root.querySelector('.panel').dataset.window, w0);
  assert.ok(api.calls.filter((c) => c.kind === 'series').every((c) => c.step === '1m'));
  view.destroy();
});

test('pause stops the clock, step moves a minute, the speed select changes the rate', async () => {
  const { root, timers, clock, view, at, navigations } = mount();
  await settle();
  root.querySelector('button.step').click();
  assert.equal(at() - first, 60e3);
  assert.equal(navigations.at(-1).opts.replace, true, 'position kept in the URL without a history entry per step');
  const speed = root.querySelector('select.speed');
  speed.value = '600';
  speed.dispatchEvent(new root.ownerDocument.defaultView.Event('change'));
  root.querySelector('button.play').click();
  clock.t += 1000;
  timers.tick();
  assert.equal(at() - first, 60e3 + 600e3);
  root.querySelector('button.play').click();
  clock.t += 1000;
  timers.tick();
  assert.equal(at() - first, 660e3, 'paused');
  view.destroy();
});

test('the scrubber seeks, and the clock label shows local time with UTC on hover', async () => {
  const { root, view, at } = mount();
  await settle();
  const s = root.querySelector('input.scrubber');
  assert.equal(Number(s.min), first);
  s.value = String(first + 30 * 60e3);
  s.dispatchEvent(new root.ownerDocument.defaultView.Event('input'));
  assert.equal(at() - first, 30 * 60e3);
  assert.match(root.querySelector('time.replay-clock').getAttribute('title'), /UTC$/);
  view.destroy();
});

test('a failing query pauses the replay and says why', async () => {
  const env = dom();
  const timers = manualTimers();
  const api = fakeApi({ fail: (kind) => kind === 'series' });
  const view = replayView(env.root, { api, state: parseState('?view=replay&topic=apple'), now: () => first, timers, navigate: () => {} });
  await settle();
  await settle();
  assert.match(env.root.querySelector('p.state.error').textContent, /Replay stopped/);
  assert.equal(env.root.querySelector('.replay').dataset.playing, 'false');
  view.destroy();
  assert.equal(timers.active(), 0);
});

test('without a range, a replay whose last 6 hours hold no data replays the last 6 hours of the data', async () => {
  const env = dom();
  const navigations = [];
  const known = [{ topic: 'apple', first: '2024-03-10T09:00:00Z', last: '2024-03-10T11:59:00Z' }];
  const view = replayView(env.root, {
    api: fakeApi({ series: (q) => ({ step: '1m', series: q.topics.map((t) => longSeries(12, t)) }) }),
    state: parseState('?view=replay&topic=apple'),
    now: () => Date.parse('2026-11-29T10:00:00Z'),
    timers: manualTimers(),
    topics: known,
    navigate: (patch, opts) => navigations.push({ patch, opts }),
  });
  await settle();
  const replay = env.root.querySelector('.replay');
  assert.equal(replay.dataset.replayAt, '2024-03-10T09:00:00.000Z');
  const notice = env.root.querySelector('.notice');
  assert.equal(notice.hidden, false);
  assert.match(notice.textContent, /No posts of apple in the last 6 h: replaying the last 3 h of their data/);
  assert.equal(navigations.at(-1).patch.from.toISOString(), '2024-03-10T09:00:00.000Z');
  assert.equal(navigations.at(-1).patch.to.toISOString(), '2024-03-10T12:00:00.000Z');
  assert.deepEqual(navigations.at(-1).opts, { replace: true });
  view.destroy();
});

test('a replay range without data offers a jump to the data', async () => {
  const env = dom();
  const navigations = [];
  const known = [{ topic: 'apple', first: '2024-03-10T09:00:00Z', last: '2024-03-10T11:59:00Z' }];
  const view = replayView(env.root, {
    api: fakeApi({ series: (q) => ({ step: '1m', series: q.topics.map((t) => ({ topic: t, points: [] })) }) }),
    state: parseState('?view=replay&topic=apple&from=2026-11-28T00:00:00Z&to=2026-11-28T06:00:00Z'),
    now: () => Date.parse('2026-11-29T10:00:00Z'),
    timers: manualTimers(),
    topics: known,
    navigate: (patch, opts) => navigations.push({ patch, opts }),
  });
  await settle();
  assert.equal(env.root.querySelector('.replay').dataset.replayAt, '2026-11-28T00:00:00.000Z', 'an asked range is kept');
  const jump = env.root.querySelector('.notice button.jump-to-data');
  assert.ok(jump);
  jump.click();
  assert.equal(navigations.at(-1).patch.from.toISOString(), '2024-03-10T09:00:00.000Z');
  assert.equal(navigations.at(-1).patch.to.toISOString(), '2024-03-10T12:00:00.000Z');
  view.destroy();
});

test('the range form refuses an end before the start, then loads a range from its start at the same speed', async () => {
  const { root, view, navigations } = mount();
  await settle();
  const form = root.querySelector('form.custom');
  const [fromIn, toIn] = form.querySelectorAll('input');
  const submit = () => form.dispatchEvent(new root.ownerDocument.defaultView.Event('submit', { cancelable: true }));
  fromIn.value = '2026-11-20T10:00';
  toIn.value = '2026-11-20T09:00';
  submit();
  assert.equal(root.querySelector('.field-error').textContent, 'Pick a start before the end.');
  assert.equal(navigations.length, 0);
  toIn.value = '2026-11-20T12:00';
  submit();
  assert.equal(root.querySelector('.field-error').textContent, '');
  const { patch } = navigations.at(-1);
  assert.deepEqual([+patch.from, +patch.to, +patch.at, patch.speed], [+new Date('2026-11-20T10:00'), +new Date('2026-11-20T12:00'), +new Date('2026-11-20T10:00'), 60]);
  view.destroy();
});
