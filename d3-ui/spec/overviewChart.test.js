import { test } from 'node:test';
import assert from 'node:assert/strict';
import { select } from 'd3';
import { dom, longSeries } from './support.js';
import { parseSeries } from '../src/data.js';
import { overviewChart } from '../src/charts/overviewChart.js';

function setup() {
  const env = dom();
  const series = parseSeries({ series: [longSeries(60)] });
  const domain = [series[0].points[0].start, new Date(+series[0].points[0].start + 60 * 60e3)];
  const chart = overviewChart().width(640).xDomain(domain);
  const seen = [];
  chart.on('brush', (r) => seen.push(r));
  select(env.root).datum(series).call(chart);
  return { ...env, chart, domain, seen };
}

test('the brush is keyboard reachable and labelled', () => {
  const { root } = setup();
  const g = root.querySelector('g.brush');
  assert.equal(g.getAttribute('tabindex'), '0');
  assert.match(g.getAttribute('aria-label'), /arrow keys/);
});

test('a programmatic brushTo shows the selection without emitting', () => {
  const { root, chart, domain, seen } = setup();
  const range = [new Date(+domain[0] + 10 * 60e3), new Date(+domain[0] + 20 * 60e3)];
  chart.brushTo(range);
  assert.equal(seen.length, 0);
  assert.deepEqual(chart.selection(), range);
  assert.notEqual(root.querySelector('.brush .selection').getAttribute('display'), 'none');
});

test('arrow keys move the selection inside the domain and emit the new range', () => {
  const { root, chart, domain, seen, window } = setup();
  chart.brushTo([new Date(+domain[0] + 10 * 60e3), new Date(+domain[0] + 20 * 60e3)]);
  root.querySelector('g.brush').dispatchEvent(new window.KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }));
  assert.equal(seen.length, 1);
  assert.equal(seen[0][1] - seen[0][0], 10 * 60e3);
  assert.ok(seen[0][0] > +domain[0] + 10 * 60e3);
  for (let i = 0; i < 20; i++) root.querySelector('g.brush').dispatchEvent(new window.KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }));
  assert.ok(+seen.at(-1)[1] <= +domain[1]);
  root.querySelector('g.brush').dispatchEvent(new window.KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
  assert.equal(seen.at(-1), null);
});
