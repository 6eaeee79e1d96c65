import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FakeEventSource, fixture } from './support.js';
import { STATUS, connectLive } from '../src/liveStream.js';

function connect(extra = {}) {
  const statuses = [];
  const buckets = [];
  const extremes = [];
  let clock = 0;
  const handle = connectLive({
    url: '/api/v1/live?topic=apple',
    EventSourceImpl: FakeEventSource,
    onStatus: (s) => statuses.push(s),
    onBucket: (b) => buckets.push(b),
    onExtremes: (e) => extremes.push(e),
    now: () => clock,
    staleAfterMs: 1000,
    setIntervalImpl: () => 1,
    clearIntervalImpl: () => {},
    ...extra,
  });
  return { handle, statuses, buckets, extremes, source: FakeEventSource.instances.at(-1), advance: (ms) => (clock += ms) };
}

test('status goes connecting, live on open, reconnecting on error, live again on the next event', () => {
  const c = connect();
  c.source.readyState = 1;
  c.source.emit('open');
  c.source.readyState = 0;
  c.source.emit('error');
  c.source.emit('bucket', { data: JSON.stringify(fixture('live-bucket.json')) });
  assert.deepEqual(c.statuses, [STATUS.connecting, STATUS.live, STATUS.reconnecting, STATUS.live]);
});

test('bucket and extremes events are parsed and handed over', () => {
  const c = connect();
  c.source.emit('bucket', { data: JSON.stringify(fixture('live-bucket.json')), lastEventId: '1' });
  c.source.emit('extremes', { data: JSON.stringify(fixture('live-extremes.json')) });
  assert.equal(c.buckets[0].topic, 'apple');
  assert.equal(c.buckets[0].count, fixture('live-bucket.json').count);
  assert.equal(c.extremes[0].positive.length, fixture('live-extremes.json').positive.length);
});

test('a malformed event is ignored, not thrown', () => {
  const c = connect();
  c.source.emit('bucket', { data: '{not json' });
  assert.equal(c.buckets.length, 0);
});

test('an open connection with no event for longer than staleAfterMs is stale', () => {
  const c = connect();
  c.source.emit('open');
  c.advance(500);
  c.handle.check();
  assert.equal(c.handle.status(), STATUS.live);
  c.advance(600);
  c.handle.check();
  assert.equal(c.handle.status(), STATUS.stale);
  c.source.emit('bucket', { data: JSON.stringify(fixture('live-bucket.json')) });
  assert.equal(c.handle.status(), STATUS.live);
});

test('an error after the browser gave up is closed, and close() closes the source', () => {
  const c = connect();
  c.source.readyState = 2;
  c.source.emit('error');
  assert.equal(c.handle.status(), STATUS.closed);
  const d = connect();
  d.handle.close();
  assert.ok(d.source.closed);
});
