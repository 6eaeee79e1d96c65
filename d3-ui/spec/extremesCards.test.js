import { test } from 'node:test';
import assert from 'node:assert/strict';
import { select } from 'd3';
import { dom, fixture } from './support.js';
import { extremesCards } from '../src/charts/extremesCards.js';

test('a card per post with glyph, score, author, local time with UTC title, and a link where there is a url', () => {
  const { root } = dom();
  const data = fixture('extremes.json');
  select(root).datum(data).call(extremesCards());
  const pos = root.querySelectorAll('section.positive li.card');
  assert.equal(pos.length, data.positive.length);
  const first = pos[0];
  assert.match(first.querySelector('.score').textContent, /^\+ \+0\.\d\d$/);
  assert.equal(first.querySelector('.author').textContent, `@${data.positive[0].author.handle}`);
  assert.match(first.querySelector('time').getAttribute('title'), /UTC$/);
  assert.equal(first.querySelector('a')?.getAttribute('href') ?? null, data.positive[0].url);
  const neg = root.querySelector('section.negative li.card');
  assert.equal(neg.querySelector('.text').textContent, data.negative[0].text);
  assert.equal(neg.querySelector('a'), data.negative[0].url ? neg.querySelector('a') : null);
  assert.match(root.querySelector('section.negative h3').textContent, /^− /);
});

test('post text is shown as text, never as markup', () => {
  const { root } = dom();
  const post = { ...fixture('extremes.json').positive[0], text: '<img src=x onerror=alert(1)>' };
  select(root).datum({ positive: [post], negative: [] }).call(extremesCards());
  assert.equal(root.querySelectorAll('img').length, 0);
  assert.equal(root.querySelector('.text').textContent, post.text);
});

test('an empty side shows an empty card, and limit caps the cards', () => {
  const { root } = dom();
  const p = fixture('extremes.json').positive[0];
  const many = [1, 2, 3, 4].map((i) => ({ ...p, id: `p${i}` }));
  select(root).datum({ positive: many, negative: [] }).call(extremesCards().limit(2));
  assert.equal(root.querySelectorAll('section.positive li.card').length, 2);
  assert.match(root.querySelector('section.negative li.card.empty').textContent, /No scored posts/);
});
