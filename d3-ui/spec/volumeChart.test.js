import { test } from 'node:test';
import assert from 'node:assert/strict';
import { select } from 'd3';
import { dom, longSeries } from './support.js';
import { parseSeries } from '../src/data.js';
import { volumeChart } from '../src/charts/volumeChart.js';

test('one bar per bucket present, taller for more posts', () => {
  const { root } = dom();
  const [s] = parseSeries({ series: [longSeries(12)] });
  select(root).datum([s]).call(volumeChart().width(600).height(120));
  const bars = [...root.querySelectorAll('.bars rect')];
  assert.equal(bars.length, s.points.length);
  const h = bars.map((b) => Number(b.getAttribute('height')));
  assert.ok(h[h.length - 1] > h[0], 'counts grow along longSeries');
  assert.match(bars[0].querySelector('title').textContent, /posts at .* UTC\)/);
});

test('compared topics share a bucket side by side', () => {
  const { root } = dom();
  const series = parseSeries({ series: [longSeries(6, 'a'), longSeries(6, 'b')] });
  select(root).datum(series).call(volumeChart().width(600));
  const first = [...root.querySelectorAll('.bars rect')].filter((r) => r.dataset.start === series[0].points[0].start.toISOString());
  assert.equal(first.length, 2);
  assert.notEqual(first[0].getAttribute('x'), first[1].getAttribute('x'));
});

test('a new bucket adds one bar on redraw (join keyed by start) and bars outside the domain are left out', () => {
  const { root } = dom();
  const [s] = parseSeries({ series: [longSeries(12)] });
  const chart = volumeChart();
  const domain = [s.points[0].start, new Date(+s.points[3].start + 60e3)];
  select(root).datum([{ ...s, points: s.points.slice(0, 3) }]).call(chart.xDomain(domain));
  assert.equal(root.querySelectorAll('.bars rect').length, 3);
  select(root).datum([s]).call(chart);
  assert.equal(root.querySelectorAll('.bars rect').length, 4);
});
