import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fixture, longSeries } from './support.js';
import {
  hasMean, mergeExtremes, minuteOf, parsePoint, parseSeries, shares, stepMillis, sumHistograms, totals, upsertPoint, windowPoints, withGaps,
} from '../src/data.js';

const series = parseSeries(fixture('series.json'));
const apple = parseSeries({ series: [longSeries(12)] })[0].points;

test('parseSeries keeps each topic and parses point starts to dates in time order', () => {
  assert.deepEqual(series.map((s) => s.topic), fixture('series.json').series.map((s) => s.topic));
  assert.ok(series[0].points.every((p) => p.start instanceof Date));
  assert.ok(apple.every((p) => p.start instanceof Date));
  assert.ok(apple.every((p, i) => i === 0 || p.start > apple[i - 1].start));
});

test('withGaps marks a missing bucket so the line breaks there', () => {
  const gapped = withGaps(apple, stepMillis('1m'));
  const gaps = gapped.filter((p) => p.gap);
  assert.equal(gaps.length, 3); // minutes 2, 5, 8 are missing; 11 is past the last point
  assert.equal(gapped.length, apple.length + 3);
  for (const g of gaps) assert.equal(hasMean(g), false);
});

test('a bucket with nothing scored has no mean to draw', () => {
  assert.equal(hasMean({ start: new Date(), meanCompound: null }), false);
  assert.equal(hasMean({ start: new Date(), meanCompound: 0 }), true);
});

test('upsertPoint replaces the bucket of the same start and keeps time order', () => {
  const p = { ...apple[0], count: 99 };
  const out = upsertPoint(apple, p);
  assert.equal(out.length, apple.length);
  assert.equal(out[0].count, 99);
  const later = parsePoint({ ...fixture('live-bucket.json'), start: new Date(+apple[apple.length - 1].start + 60e3).toISOString() });
  const grown = upsertPoint(apple, later);
  assert.equal(grown.length, apple.length + 1);
  assert.equal(+grown[grown.length - 1].start, +later.start);
});

test('totals and shares are computed over scored posts', () => {
  const t = totals(apple);
  assert.equal(t.scored, apple.reduce((a, p) => a + p.scored, 0));
  const s = shares(apple);
  assert.ok(Math.abs(s.positive + s.neutral + s.negative - 1) < 1e-9);
  assert.equal(shares([]), null);
});

test('sumHistograms adds the 20 bins and counts every scored post once', () => {
  const h = sumHistograms(apple);
  assert.equal(h.length, 20);
  assert.equal(h.reduce((a, b) => a + b, 0), totals(apple).scored);
});

test('windowPoints is half-open and minuteOf aligns down', () => {
  const from = apple[0].start;
  const to = apple[1].start;
  assert.deepEqual(windowPoints(apple, from, to), [apple[0]]);
  assert.equal(minuteOf(new Date('2026-11-24T12:05:59.999Z')).toISOString(), '2026-11-24T12:05:00.000Z');
});

test('an unknown step name is an error', () => {
  assert.throws(() => stepMillis('2m'), /unknown step/);
});

test('mergeExtremes keeps the strongest posts per side, once each, in a stable order', () => {
  const base = fixture('extremes.json');
  const p = base.positive[0];
  const n = base.negative[0];
  const pushed = {
    positive: [{ ...p, id: 'stronger', compound: 0.99 }, p],
    negative: [{ ...n, id: 'weaker', compound: -0.1 }],
  };
  const merged = mergeExtremes(base, pushed, 2);
  assert.deepEqual(merged.positive.map((x) => x.id), ['stronger', p.id]);
  assert.deepEqual(merged.negative.map((x) => x.id), [n.id, 'weaker']);
  assert.deepEqual(mergeExtremes(null, null, 3), { positive: [], negative: [] });
});
