import { test } from 'node:test';
import assert from 'node:assert/strict';
import { clipBrush, formatState, MAX_TOPICS, parseState, rangeBounds, toggleTopic } from '../src/state.js';

test('a historical state round-trips through the URL', () => {
  const s = {
    view: 'historical',
    topics: ['apple', 'banana'],
    range: '7d',
    from: null,
    to: null,
    brush: [new Date('2026-11-20T00:00:00Z'), new Date('2026-11-21T06:00:00Z')],
  };
  const back = parseState(formatState(s));
  assert.equal(back.view, 'historical');
  assert.deepEqual(back.topics, s.topics);
  assert.equal(back.range, '7d');
  assert.deepEqual(back.brush, s.brush);
});

test('a replay state keeps range, speed and position', () => {
  const s = { view: 'replay', topics: ['a'], from: new Date('2026-11-24T00:00:00Z'), to: new Date('2026-11-24T06:00:00Z'), speed: 600, at: new Date('2026-11-24T01:00:00Z') };
  const back = parseState(formatState(s));
  assert.deepEqual([back.from, back.to, back.speed, back.at], [s.from, s.to, 600, s.at]);
});

test('junk in the URL falls back to defaults instead of failing', () => {
  const s = parseState('?view=nope&range=3y&speed=7&brush=x~y&from=never&topic=&topic=a&topic=a');
  assert.equal(s.view, 'live');
  assert.equal(s.range, '24h');
  assert.equal(s.speed, 60);
  assert.equal(s.brush, null);
  assert.equal(s.from, null);
  assert.deepEqual(s.topics, ['a']);
  assert.equal(parseState('?range=custom').range, '24h', 'custom without bounds');
});

test('at most five topics are compared', () => {
  const q = '?' + ['a', 'b', 'c', 'd', 'e', 'f'].map((t) => `topic=${t}`).join('&');
  assert.equal(parseState(q).topics.length, MAX_TOPICS);
  assert.deepEqual(toggleTopic(['a', 'b', 'c', 'd', 'e'], 'f'), ['a', 'b', 'c', 'd', 'e']);
  assert.deepEqual(toggleTopic(['a'], 'a'), ['a'], 'the last topic stays');
  assert.deepEqual(toggleTopic(['a', 'b'], 'a'), ['b']);
});

test('relative ranges end at the next whole minute; custom ranges are used as given', () => {
  const now = new Date('2026-11-24T12:00:30Z');
  const [from, to] = rangeBounds({ range: '1h' }, now);
  assert.equal(to.toISOString(), '2026-11-24T12:01:00.000Z');
  assert.equal(to - from, 3600e3);
  const f = new Date('2026-11-01T00:00:00Z');
  const t = new Date('2026-11-02T00:00:00Z');
  assert.deepEqual(rangeBounds({ range: 'custom', from: f, to: t }, now), [f, t]);
});

test('a brush outside the range is dropped and a partly outside one is clipped', () => {
  const b = [new Date(0), new Date(10)];
  assert.equal(clipBrush([new Date(20), new Date(30)], b), null);
  assert.deepEqual(clipBrush([new Date(5), new Date(30)], b), [new Date(5), new Date(10)]);
});

test('a URL without a range says so, for views that may open on the data instead', () => {
  assert.equal(parseState('?view=historical&topic=apple').rangeDefaulted, true);
  assert.equal(parseState('?view=historical&topic=apple&range=24h').rangeDefaulted, false);
  assert.equal(formatState(parseState('?view=historical&topic=apple')).includes('rangeDefaulted'), false);
});
