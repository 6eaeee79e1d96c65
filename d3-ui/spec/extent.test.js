import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dataExtent, holdsData, lastOf, spanLabel } from '../src/extent.js';

const known = [
  { topic: 'apple', first: '2024-03-10T09:00:00Z', last: '2024-03-10T11:59:00Z' },
  { topic: 'banana', first: '2026-11-24T10:00:00Z', last: '2026-11-24T21:56:00Z' },
  { topic: 'kiwi', first: '2024-03-09T23:00:00Z', last: '2024-03-10T00:30:00Z' },
];

test('the extent covers the chosen topics from their first minute to the end of their last', () => {
  assert.deepEqual(dataExtent(known, ['apple']).map((d) => d.toISOString()), ['2024-03-10T09:00:00.000Z', '2024-03-10T12:00:00.000Z']);
  assert.deepEqual(dataExtent(known, ['apple', 'kiwi']).map((d) => d.toISOString()), ['2024-03-09T23:00:00.000Z', '2024-03-10T12:00:00.000Z']);
  assert.equal(dataExtent(known, ['pear']), null);
  assert.equal(dataExtent([], ['apple']), null);
  assert.equal(dataExtent(undefined, ['apple']), null);
  assert.equal(dataExtent([{ topic: 'apple', first: 'garbage', last: 'x' }], ['apple']), null);
});

test('a window holds data when it shares time with the extent', () => {
  const e = dataExtent(known, ['apple']);
  const at = (s) => new Date(s);
  assert.equal(holdsData(e, [at('2024-03-10T11:00:00Z'), at('2024-03-11T11:00:00Z')]), true);
  assert.equal(holdsData(e, [at('2024-03-10T12:00:00Z'), at('2024-03-11T12:00:00Z')]), false, 'the end is exclusive');
  assert.equal(holdsData(e, [at('2024-03-09T12:00:00Z'), at('2024-03-10T09:00:00Z')]), false);
  assert.equal(holdsData(null, [at('2024-03-10T11:00:00Z'), at('2024-03-11T11:00:00Z')]), false);
});

test('the last part of the extent for fixed-length windows, and lengths in words', () => {
  const e = dataExtent(known, ['apple']);
  assert.deepEqual(lastOf(e, 3600e3).map((d) => d.toISOString()), ['2024-03-10T11:00:00.000Z', '2024-03-10T12:00:00.000Z']);
  assert.deepEqual(lastOf(e, 6 * 3600e3).map((d) => d.toISOString()), ['2024-03-10T09:00:00.000Z', '2024-03-10T12:00:00.000Z']);
  assert.equal(spanLabel(86400e3), '24 h');
  assert.equal(spanLabel(6 * 3600e3), '6 h');
  assert.equal(spanLabel(7 * 86400e3), '7 d');
  assert.equal(spanLabel(90 * 60e3), '90 min');
});
