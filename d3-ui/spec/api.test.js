import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fixture } from './support.js';
import { ApiError, createApi, extremesUrl, liveUrl, seriesUrl } from '../src/api.js';

function fakeFetch(status, body, seen = []) {
  return async (url) => {
    seen.push(url);
    return { ok: status >= 200 && status < 300, status, text: async () => (typeof body === 'string' ? body : JSON.stringify(body)) };
  };
}

test('seriesUrl repeats topic for comparisons and sends ISO times', () => {
  const url = seriesUrl({ topics: ['apple', 'banana'], from: new Date('2026-11-24T12:00:00Z'), to: 'now', step: '1m' });
  const q = new URL(url, 'http://x').searchParams;
  assert.equal(new URL(url, 'http://x').pathname, '/api/v1/series');
  assert.deepEqual(q.getAll('topic'), ['apple', 'banana']);
  assert.equal(q.get('from'), '2026-11-24T12:00:00.000Z');
  assert.equal(q.get('to'), 'now');
  assert.equal(q.get('step'), '1m');
});

test('extremesUrl asks for both polarities and liveUrl escapes the topic', () => {
  const q = new URL(extremesUrl({ topic: 'a b', from: 'now-1h', to: 'now', limit: 5 }), 'http://x').searchParams;
  assert.equal(q.get('polarity'), 'both');
  assert.equal(q.get('limit'), '5');
  assert.equal(q.get('topic'), 'a b');
  assert.equal(liveUrl('a&b'), '/api/v1/live?topic=a%26b');
});

test('a successful call returns the contract body', async () => {
  const seen = [];
  const api = createApi({ fetch: fakeFetch(200, fixture('topics.json'), seen), base: 'http://h:1' });
  const body = await api.topics();
  assert.ok(Array.isArray(body.topics));
  assert.equal(seen[0], 'http://h:1/api/v1/topics');
});

test('a 400 becomes an ApiError naming the bad parameter', async () => {
  const api = createApi({ fetch: fakeFetch(400, fixture('error.json')) });
  await assert.rejects(api.series({ topics: ['a'], from: 'now-1h', to: 'now', step: 'x' }), (e) => {
    assert.ok(e instanceof ApiError);
    assert.equal(e.status, 400);
    assert.match(e.message, new RegExp(fixture('error.json').parameter));
    return true;
  });
});

test('a 503 says the data store is unavailable', async () => {
  const api = createApi({ fetch: fakeFetch(503, '') });
  await assert.rejects(api.topics(), /unavailable/);
});

test('a network failure is an ApiError with status 0', async () => {
  const api = createApi({ fetch: async () => { throw new TypeError('Failed to fetch'); } });
  await assert.rejects(api.topics(), (e) => e instanceof ApiError && e.status === 0);
});
