import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatCompound, formatCount, formatDuration, formatShare, formatTick, formatUtc } from '../src/format.js';

test('counts get thousands separators and missing values a dash', () => {
  assert.equal(formatCount(1234567), '1,234,567');
  assert.equal(formatCount(null), '—');
});

test('compound scores always show their sign with a true minus', () => {
  assert.equal(formatCompound(0.4), '+0.40');
  assert.equal(formatCompound(-0.456), '−0.46');
  assert.equal(formatCompound(null), '—');
});

test('shares are whole percentages', () => {
  assert.equal(formatShare(0.423), '42%');
});

test('the UTC text names the zone and does not depend on the browser zone', () => {
  assert.equal(formatUtc('2026-11-24T12:05:00Z'), '2026-11-24 12:05 UTC');
});

test('durations read naturally at every scale', () => {
  assert.equal(formatDuration(90e3), '90 s');
  assert.equal(formatDuration(65 * 60e3), '65 min');
  assert.equal(formatDuration(3 * 3600e3 + 5 * 60e3), '3 h 5 min');
  assert.equal(formatDuration(51 * 3600e3), '2 d 3 h');
});

test('axis ticks are 24-hour local times, and midnight shows the day', () => {
  assert.equal(formatTick(new Date(2026, 10, 24, 19, 5)), '19:05');
  assert.equal(formatTick(new Date(2026, 10, 24, 0, 0)), 'Tue 24 Nov');
  assert.equal(formatTick(new Date(2026, 11, 1, 0, 0)), '01 Dec');
});
