import { test } from 'node:test';
import assert from 'node:assert/strict';
import { select } from 'd3';
import { dom, fixture } from './support.js';
import { binColor, histogramChart } from '../src/charts/histogramChart.js';
import { NEGATIVE, NEUTRAL, POSITIVE } from '../src/palette.js';

const bins = fixture('live-bucket.json').histogram;

test('twenty bars over −1..1, negative bins orange and positive bins blue', () => {
  const { root } = dom();
  select(root).datum(bins).call(histogramChart().width(300));
  const rects = [...root.querySelectorAll('.bins rect')];
  assert.equal(rects.length, 20);
  assert.equal(rects[0].getAttribute('fill'), NEGATIVE.color);
  assert.equal(rects[19].getAttribute('fill'), POSITIVE.color);
  assert.match(rects[0].querySelector('title').textContent, /^−1\.00 to −0\.90: \d+ posts$/);
  const tallest = bins.indexOf(Math.max(...bins));
  const heights = rects.map((r) => Number(r.getAttribute('height')));
  assert.equal(heights.indexOf(Math.max(...heights)), tallest);
});

test('an empty minute shows a message instead of bars', () => {
  const { root } = dom();
  select(root).datum(new Array(20).fill(0)).call(histogramChart());
  assert.equal(root.querySelector('.empty text').textContent, 'no scored posts');
  select(root).datum(bins).call(histogramChart());
  assert.equal(root.querySelectorAll('.empty text').length, 0);
});

test('the two bins around zero reach into the neutral band and are grey', () => {
  const { root } = dom();
  select(root).datum(bins).call(histogramChart());
  const fills = [...root.querySelectorAll('.bins rect')].map((r) => r.getAttribute('fill'));
  assert.equal(fills[8], NEGATIVE.color);
  assert.equal(fills[9], NEUTRAL.color);
  assert.equal(fills[10], NEUTRAL.color);
  assert.equal(fills[11], POSITIVE.color);
  assert.equal(binColor(0.1, 0.2), POSITIVE.color);
});
