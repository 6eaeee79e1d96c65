import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dom, fixture, longSeries } from './support.js';
import { parseSeries } from '../src/data.js';
import { dashboardPanel } from '../src/views/panel.js';

const win = (series) => {
  const pts = series.flatMap((s) => s.points);
  return [pts[0].start, new Date(+pts.at(-1).start + 60e3)];
};

test('one update draws the line, volume, share, histogram and extremes', () => {
  const { root } = dom();
  const panel = dashboardPanel(root);
  const series = parseSeries({ series: [longSeries(12)] });
  panel.update({ series, window: win(series), extremes: fixture('extremes.json') });
  for (const cls of ['line-chart', 'volume-chart', 'share-chart', 'histogram-chart']) assert.ok(root.querySelector(`svg.${cls}`), cls);
  assert.ok(root.querySelectorAll('li.card').length >= 2);
  assert.equal(root.querySelector('.panel').dataset.lastBucket, series[0].points.at(-1).start.toISOString());
  assert.equal(root.querySelector('.panel-state').dataset.state, 'ready');
  assert.equal(root.querySelectorAll('.legend li').length, 0, 'no legend for a single topic');
  panel.destroy();
});

test('the histogram shows the latest minute of the first topic', () => {
  const { root } = dom();
  const panel = dashboardPanel(root);
  const series = parseSeries(fixture('series.json'));
  panel.update({ series, window: win(series), extremes: null });
  const bars = [...root.querySelectorAll('.histogram-chart .bins rect')].map((r) => Number(r.getAttribute('height')));
  const hist = series[0].points.at(-1).histogram;
  assert.equal(bars.indexOf(Math.max(...bars)), hist.indexOf(Math.max(...hist)));
  assert.match(root.querySelector('figure.histogram figcaption').textContent, /minute of \d\d:\d\d/);
});

test('compared topics get a legend, and an empty window says so', () => {
  const { root } = dom();
  const panel = dashboardPanel(root);
  const series = parseSeries({ series: [longSeries(6, 'a'), longSeries(6, 'b')] });
  panel.update({ series, window: win(series) });
  assert.deepEqual([...root.querySelectorAll('.legend li')].map((li) => li.textContent), ['a', 'b']);
  panel.update({ series: [{ topic: 'a', points: [] }], window: [new Date(0), new Date(3600e3)] });
  assert.equal(root.querySelector('.panel-state').dataset.state, 'empty');
  assert.match(root.querySelector('p.state.empty').textContent, /No posts between/);
});

test('an error is announced as an alert', () => {
  const { root } = dom();
  const panel = dashboardPanel(root);
  panel.state('error', 'Could not load');
  const p = root.querySelector('p.state.error');
  assert.equal(p.getAttribute('role'), 'alert');
  assert.equal(p.textContent, 'Could not load');
});

test('chart ARIA labels name the topics and the time span', () => {
  const { root } = dom();
  const panel = dashboardPanel(root);
  const series = parseSeries({ series: [longSeries(6, 'apple'), longSeries(6, 'banana')] });
  panel.update({ series, window: win(series) });
  const label = root.querySelector('svg.line-chart').getAttribute('aria-label');
  assert.match(label, /apple, banana/);
  assert.match(label, /\d{4}-\d\d-\d\d \d\d:\d\d to \d{4}-\d\d-\d\d \d\d:\d\d/);
  assert.match(root.querySelector('svg.volume-chart').getAttribute('aria-label'), /^Posts per minute of apple, banana/);
});
