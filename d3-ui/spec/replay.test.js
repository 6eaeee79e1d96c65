import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fixture, longSeries } from './support.js';
import { createReplayClock, replaySource } from '../src/replay.js';

const from = new Date('2026-11-24T00:00:00Z');
const to = new Date('2026-11-24T06:00:00Z');

test('playing at 60× moves one minute per real second; paused it does not move', () => {
  const c = createReplayClock({ from, to, speed: 60 });
  c.advance(1000);
  assert.equal(+c.time(), +from, 'paused');
  c.play();
  c.advance(1000);
  assert.equal(c.time() - from, 60e3);
  c.setSpeed(600);
  c.advance(1000);
  assert.equal(c.time() - from, 660e3);
});

test('the clock stops at the end and play starts over from the beginning', () => {
  const c = createReplayClock({ from, to, speed: 600 });
  c.play();
  c.advance(10 * 3600e3);
  assert.equal(+c.time(), +to);
  assert.equal(c.playing(), false);
  c.play();
  assert.equal(+c.time(), +from);
});

test('step and seek stay inside the range, and bad speeds or ranges are refused', () => {
  const c = createReplayClock({ from, to });
  assert.equal(c.step() - from, 60e3);
  assert.equal(+c.seek(new Date('2030-01-01')), +to);
  assert.throws(() => c.setSpeed(2), /speed must be one of 1, 10, 60, 600/);
  assert.throws(() => createReplayClock({ from: to, to: from }), /from must be before to/);
});

test('the source answers the 60 minutes before t and fetches each chunk once', async () => {
  const calls = [];
  const body = { ...fixture('series.json'), series: [longSeries(180, 'apple')] };
  const t0 = Date.parse(body.series[0].points[0].start);
  const api = {
    series: async (p) => {
      calls.push(p);
      const pts = body.series[0].points.filter((x) => Date.parse(x.start) >= +p.from && Date.parse(x.start) < +p.to);
      return { ...body, step: '1m', series: [{ topic: 'apple', points: pts }] };
    },
  };
  const src = replaySource({ api, topics: ['apple'], chunkMs: 3600e3 });
  const t = new Date(t0 + 90 * 60e3 + 30e3);
  const [s] = await src.windowAt(t);
  assert.ok(s.points.length > 0);
  assert.ok(s.points.every((p) => +p.start > +t - 3600e3 && +p.start <= +t));
  assert.equal(+s.points.at(-1).start, t0 + 90 * 60e3 - (90 % 3 === 2 ? 60e3 : 0));
  const n = calls.length;
  await src.windowAt(new Date(+t + 60e3));
  assert.equal(calls.length, n, 'cached');
  assert.ok(calls.every((c) => c.step === '1m'));
});

test('a failed chunk is fetched again next time', async () => {
  let fail = true;
  const api = { series: async () => { if (fail) throw new Error('HTTP 503'); return { series: [] }; } };
  const src = replaySource({ api, topics: ['apple'] });
  await assert.rejects(src.windowAt(from), /503/);
  fail = false;
  const [s] = await src.windowAt(from);
  assert.deepEqual(s.points, []);
});
