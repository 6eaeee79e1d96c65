import { test } from 'node:test';
import assert from 'node:assert/strict';
import { select } from 'd3';
import { dom, longSeries } from './support.js';
import { parseSeries } from '../src/data.js';
import { histogramChart } from '../src/charts/histogramChart.js';
import { lineChart } from '../src/charts/lineChart.js';
import { overviewChart } from '../src/charts/overviewChart.js';
import { volumeChart } from '../src/charts/volumeChart.js';

const TIME_CHARTS = { lineChart, overviewChart, volumeChart };

for (const [name, make] of Object.entries(TIME_CHARTS)) {
  test(`${name}: a wider time axis has more ticks (one per ~90 px), each titled with its UTC time`, () => {
    const series = parseSeries({ series: [longSeries(240)] });
    const titles = (width) => {
      const { root } = dom();
      select(root).datum(series).call(make().width(width));
      return [...root.querySelectorAll('.x-axis .tick title')].map((t) => t.textContent);
    };
    const [wide, narrow] = [titles(940), titles(200)];
    assert.ok(wide.length > narrow.length && narrow.length >= 1, `${wide.length} vs ${narrow.length}`);
    assert.ok([...wide, ...narrow].every((t) => / \d\d:\d\d UTC$/.test(t)), [...wide, ...narrow].join());
  });
}

test('a plot is inset by the margin, its axis at the bottom of the inner height, and never narrower than 10 px', () => {
  const margin = { top: 5, right: 7, bottom: 11, left: 13 };
  const { root } = dom();
  select(root).datum(parseSeries({ series: [longSeries(12)] })).call(volumeChart().width(20).height(100).margin(margin));
  assert.equal(root.querySelector('g.plot').getAttribute('transform'), 'translate(13,5)');
  assert.equal(root.querySelector('g.x-axis').getAttribute('transform'), 'translate(0,84)');
  const { root: h } = dom();
  select(h).datum([3, 1, 2]).call(histogramChart().width(20).margin(margin));
  const bars = [...h.querySelectorAll('rect')].map((r) => +r.getAttribute('x') + +r.getAttribute('width'));
  assert.ok(Math.max(...bars) <= 10.0001 && Math.max(...bars) > 7, bars.join());
});
