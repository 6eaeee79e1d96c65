import { test } from 'node:test';
import assert from 'node:assert/strict';
import { select } from 'd3';
import { dom, longSeries, fixture } from './support.js';
import { parseSeries } from '../src/data.js';
import { lineChart } from '../src/charts/lineChart.js';

test('one mean line per topic, with an ARIA label, and accessors that chain', () => {
  const { root } = dom();
  const series = parseSeries({ series: [longSeries(12, 'apple'), longSeries(12, 'banana')] });
  const chart = lineChart().width(500).height(200).label('Mean of apple');
  assert.equal(chart.width(), 500);
  select(root).datum(series).call(chart);
  const svg = root.querySelector('svg');
  assert.equal(svg.getAttribute('role'), 'img');
  assert.equal(svg.getAttribute('aria-label'), 'Mean of apple');
  assert.deepEqual([...root.querySelectorAll('path.mean')].map((p) => p.dataset.topic), ['apple', 'banana']);
});

test('missing buckets break the line into separate segments (line.defined)', () => {
  const { root } = dom();
  const series = parseSeries({ series: [longSeries(12)] });
  select(root).datum(series).call(lineChart().stepMs(60e3));
  const d = root.querySelector('path.mean').getAttribute('d');
  assert.equal((d.match(/M/g) ?? []).length, 4); // runs 0-1, 3-4, 6-7, 9-10
});

test('a bucket with nothing scored draws no mean: runs of scored buckets become segments, lone ones dots', () => {
  const { root } = dom();
  const series = parseSeries(fixture('series.json'));
  select(root).datum(series).call(lineChart());
  const defined = series[0].points.map((p) => p.meanCompound != null);
  const runs = defined.filter((d, i) => d && !defined[i - 1]).length;
  const lone = defined.filter((d, i) => d && !defined[i - 1] && !defined[i + 1]).length;
  assert.ok(defined.includes(false), 'the fixture has an unscored bucket');
  const d = root.querySelector('path.mean').getAttribute('d') ?? '';
  assert.equal((d.match(/M/g) ?? []).length, runs);
  assert.equal(root.querySelectorAll('.dots circle').length, lone);
});

test('redrawing with new data updates in place instead of appending', () => {
  const { root } = dom();
  const chart = lineChart();
  select(root).datum(parseSeries({ series: [longSeries(6)] })).call(chart);
  const before = root.querySelector('path.mean').getAttribute('d');
  select(root).datum(parseSeries({ series: [longSeries(12)] })).call(chart);
  assert.equal(root.querySelectorAll('svg').length, 1);
  assert.equal(root.querySelectorAll('path.mean').length, 1);
  assert.notEqual(root.querySelector('path.mean').getAttribute('d'), before);
});

test('x axis ticks carry their time in UTC as hover titles', () => {
  const { root } = dom();
  select(root).datum(parseSeries({ series: [longSeries(12)] })).call(lineChart());
  const titles = [...root.querySelectorAll('.x-axis .tick title')].map((t) => t.textContent);
  assert.ok(titles.length > 0);
  assert.ok(titles.every((t) => t.endsWith(' UTC')));
});

test('hovering shows the bucket in local time with UTC and the formatted mean', () => {
  const { root, window } = dom();
  const series = parseSeries({ series: [longSeries(12)] });
  select(root).datum(series).call(lineChart().width(640));
  const overlay = root.querySelector('.overlay rect');
  overlay.dispatchEvent(new window.MouseEvent('pointermove', { clientX: 45, clientY: 50, bubbles: true }));
  const text = root.querySelector('.focus text').textContent;
  assert.match(text, /UTC\)/);
  assert.match(text, /apple [+−]\d\.\d\d/);
});
