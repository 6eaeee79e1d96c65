import { test } from 'node:test';
import assert from 'node:assert/strict';
import { select } from 'd3';
import { dom, fixture } from './support.js';
import { parseSeries, totals } from '../src/data.js';
import { shareChart } from '../src/charts/shareChart.js';

test('segments are proportional to the counts and labelled with glyphs, not only colours', () => {
  const { root } = dom();
  const rows = parseSeries(fixture('series.json')).map((s) => ({ label: s.topic, ...totals(s.points) }));
  select(root).datum(rows).call(shareChart().width(400).labelWidth(80));
  const seg = (k) => root.querySelector(`g.segment[data-polarity="${k}"] rect`);
  const w = (k) => Number(seg(k).getAttribute('width'));
  const t = rows[0];
  const total = t.positive + t.neutral + t.negative;
  assert.ok(Math.abs(w('positive') / (w('positive') + w('neutral') + w('negative')) - t.positive / total) < 1e-9);
  const titles = [...root.querySelectorAll('g.segment title')].map((x) => x.textContent);
  assert.ok(titles.some((x) => x.includes('+ positive')));
  assert.ok(titles.some((x) => x.includes('− negative')));
  assert.match(root.querySelector('g.segment[data-polarity="positive"] text').textContent, /^\+\d+%$/);
});

test('a topic with no scored posts says so', () => {
  const { root } = dom();
  select(root).datum([{ label: 'quiet', positive: 0, neutral: 0, negative: 0 }]).call(shareChart());
  assert.match(root.querySelector('.labels text').textContent, /no scored posts/);
});

test('one row per compared topic', () => {
  const { root } = dom();
  const rows = ['a', 'b', 'c'].map((label, i) => ({ label, positive: i + 1, neutral: 1, negative: 1 }));
  select(root).datum(rows).call(shareChart());
  assert.equal(root.querySelectorAll('.labels text').length, 3);
  assert.equal(root.querySelectorAll('g.segment').length, 9);
});
