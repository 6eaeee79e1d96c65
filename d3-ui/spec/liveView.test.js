import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dom, fakeApi, FakeEventSource, fixture, manualTimers, settle } from './support.js';
import { liveView } from '../src/views/live.js';

function mount(opts = {}) {
  const env = dom();
  FakeEventSource.instances = [];
  const api = opts.api ?? fakeApi();
  const timers = manualTimers();
  // longSeries(12) runs 12 minutes from the series fixture's scored bucket; now is just after it
  const clock = { t: Date.parse(fixture('live-bucket.json').start) + 12 * 60e3 + 30e3 };
  const view = liveView(env.root, {
    api,
    state: { view: 'live', topics: opts.topics ?? ['apple'] },
    now: () => clock.t,
    EventSourceImpl: FakeEventSource,
    timers,
  });
  return { ...env, api, view, timers, clock };
}

test('loads the last 60 minutes at one-minute steps, then subscribes per topic', async () => {
  const { api, view, root } = mount({ topics: ['apple', 'banana'] });
  await settle();
  const s = api.calls.find((c) => c.kind === 'series');
  assert.equal(s.step, '1m');
  assert.equal(s.to - s.from, 3600e3);
  assert.deepEqual(s.topics, ['apple', 'banana']);
  assert.equal(api.calls.find((c) => c.kind === 'extremes').topic, 'apple');
  assert.deepEqual(FakeEventSource.instances.map((e) => e.url), ['/api/v1/live?topic=apple', '/api/v1/live?topic=banana']);
  assert.equal(root.querySelectorAll('path.mean').length, 2);
  view.destroy();
});

test('a pushed bucket is drawn without reloading, and pushed extremes replace weaker cards', async () => {
  const { view, root, api, clock } = mount();
  await settle();
  const seriesCalls = api.calls.filter((c) => c.kind === 'series').length;
  const src = FakeEventSource.instances[0];
  src.emit('open');
  const bucket = { ...fixture('live-bucket.json'), start: new Date(Math.floor(clock.t / 60e3) * 60e3).toISOString() };
  src.emit('bucket', { data: JSON.stringify(bucket), lastEventId: String(Date.parse(bucket.start) / 1000) });
  const iso = new Date(bucket.start).toISOString();
  assert.ok(root.querySelector(`.volume-chart rect[data-start="${iso}"]`));
  assert.equal(root.querySelector('.panel').dataset.lastBucket, iso);
  const strong = { ...fixture('live-extremes.json').positive[0], id: 'new-best', compound: 0.99 };
  src.emit('extremes', { data: JSON.stringify({ ...fixture('live-extremes.json'), positive: [strong] }) });
  assert.equal(root.querySelector('section.positive li.card .text').textContent, strong.text);
  assert.equal(api.calls.filter((c) => c.kind === 'series').length, seriesCalls, 'no refetch');
  view.destroy();
});

test('the indicator shows live, reconnecting and stale', async () => {
  const { view, root, clock, timers } = mount();
  await settle();
  const src = FakeEventSource.instances[0];
  const status = () => root.querySelector('.indicator').dataset.status;
  src.readyState = 1;
  src.emit('open');
  assert.equal(status(), 'live');
  src.readyState = 0;
  src.emit('error');
  assert.equal(status(), 'reconnecting');
  assert.match(root.querySelector('.indicator').textContent, /Reconnecting/);
  src.emit('open');
  clock.t += 10 * 60e3;
  timers.tick();
  assert.equal(status(), 'stale');
  assert.match(root.querySelector('.indicator').textContent, /Stale/);
  view.destroy();
});

test('a failed load shows an error and still cleans up', async () => {
  const api = fakeApi({ fail: (kind) => kind === 'series' });
  const { view, root, timers } = mount({ api });
  await settle();
  assert.match(root.querySelector('p.state.error').textContent, /Could not load the live view/);
  view.destroy();
  assert.equal(timers.active(), 0);
  assert.equal(root.querySelectorAll('.view').length, 0);
});

test('an empty hour says it waits for the first minute, and where older data is', async () => {
  const env = dom();
  FakeEventSource.instances = [];
  const empty = { step: '1m', series: [{ topic: 'apple', points: [] }] };
  const view = liveView(env.root, {
    api: fakeApi({ series: empty, extremes: { topic: 'apple', positive: [], negative: [] } }),
    state: { view: 'live', topics: ['apple'] },
    now: () => Date.parse('2026-11-29T10:00:30Z'),
    EventSourceImpl: FakeEventSource,
    timers: manualTimers(),
    topics: [{ topic: 'apple', first: '2024-03-10T09:00:00Z', last: '2024-03-10T11:59:00Z' }],
  });
  await settle();
  assert.match(env.root.querySelector('.panel-state p.state.empty').textContent, /^Waiting for the first minute… no posts since/);
  const notice = env.root.querySelector('.notice');
  assert.equal(notice.hidden, false);
  assert.match(notice.textContent, /The latest posts of apple are from 2024-03-10/);
  const historical = new URLSearchParams(notice.querySelector('a.see-historical').getAttribute('href'));
  assert.equal(historical.get('view'), 'historical');
  assert.equal(historical.get('range'), 'custom');
  assert.equal(historical.get('from'), '2024-03-10T09:00:00.000Z');
  assert.equal(new URLSearchParams(notice.querySelector('a.see-replay').getAttribute('href')).get('view'), 'replay');
  view.destroy();
});

test('a live hour with posts shows no notice', async () => {
  const { view, root } = mount();
  await settle();
  assert.equal(root.querySelector('.notice').hidden, true);
  assert.equal(root.querySelector('.panel-state').dataset.state, 'ready');
  view.destroy();
});
