import { afterEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dom, fakeApi, FakeEventSource, fixture, settle } from './support.js';
import { start } from '../src/app.js';

const body = readFileSync(new URL('../src/index.html', import.meta.url), 'utf8').match(/<body>([\s\S]*)<\/body>/)[1];

const booted = [];
function boot(search = '', api = fakeApi()) {
  const env = dom(body, `http://localhost/${search}`);
  env.window.EventSource = FakeEventSource;
  const app = start(env.window, { api });
  booted.push(() => {
    app.destroy();
    env.window.close();
  });
  return { ...env, api, app };
}
afterEach(() => booted.splice(0).forEach((stop) => stop()));

test('without a topic in the URL the first real topic is chosen and written to the URL', async () => {
  const { window, document } = boot();
  await settle();
  const expected = fixture('topics.json').topics.map((t) => t.topic).find((t) => t !== 'all');
  assert.equal(new URLSearchParams(window.location.search).get('topic'), expected);
  assert.ok(document.querySelector('.view.live'));
  assert.equal(document.querySelector('nav a[aria-current="page"]').dataset.view, 'live');
  assert.equal(document.querySelectorAll('fieldset.topics input[type="checkbox"]').length, fixture('topics.json').topics.length);
});

test('the nav switches views through the URL and the back button returns', async () => {
  const { window, document } = boot('?view=live&topic=apple');
  await settle();
  const length = window.history.length;
  document.querySelector('nav a[data-view="historical"]').click();
  await settle();
  assert.ok(document.querySelector('.view.historical'));
  assert.equal(new URLSearchParams(window.location.search).get('view'), 'historical');
  assert.equal(window.history.length, length + 1);
  window.history.back();
  await new Promise((r) => window.addEventListener('popstate', r, { once: true }));
  await settle();
  assert.ok(document.querySelector('.view.live'));
  assert.equal(document.querySelectorAll('.view').length, 1, 'the previous view is unmounted');
});

test('ticking a second topic compares it; at five topics the others are disabled', async () => {
  const topics = { topics: ['a', 'b', 'c', 'd', 'e', 'f'].map((topic) => ({ topic, first: '2026-11-24T00:00:00Z', last: '2026-11-24T01:00:00Z' })) };
  const { window, document } = boot('?view=historical&topic=a', fakeApi({ topics }));
  await settle();
  const box = (t) => document.querySelector(`fieldset.topics input[value="${t}"]`);
  for (const t of ['b', 'c', 'd', 'e']) {
    box(t).click();
    await settle();
  }
  assert.deepEqual(new URLSearchParams(window.location.search).getAll('topic'), ['a', 'b', 'c', 'd', 'e']);
  assert.equal(box('f').disabled, true);
  assert.equal(document.querySelectorAll('.detail path.mean').length, 5);
});

test('no topics and an unreachable API each get a clear message', async () => {
  const empty = boot('', fakeApi({ topics: { topics: [] } }));
  await settle();
  assert.match(empty.document.querySelector('#view p.state.empty').textContent, /No data yet/);
  const down = boot('', fakeApi({ fail: () => true }));
  await settle();
  const alert = down.document.querySelector('#view p.state.error');
  assert.equal(alert.getAttribute('role'), 'alert');
  assert.match(alert.textContent, /cannot load/);
});
