import { test } from 'node:test';
import assert from 'node:assert/strict';
import { NEGATIVE, POSITIVE, TOPIC_COLORS, compoundColor, topicColor } from '../src/palette.js';

test('positive and negative are blue and orange, never red and green, and carry different glyphs', () => {
  assert.equal(POSITIVE.color, '#0072B2');
  assert.equal(NEGATIVE.color, '#E69F00');
  assert.notEqual(POSITIVE.glyph, NEGATIVE.glyph);
});

test('five compared topics get five distinct colours, none of them a polarity colour', () => {
  const colors = [0, 1, 2, 3, 4].map(topicColor);
  assert.equal(new Set(colors).size, 5);
  assert.ok(!colors.includes(POSITIVE.color) && !colors.includes(NEGATIVE.color));
  assert.equal(topicColor(5), TOPIC_COLORS[0]);
});

test('compound colour follows the VADER thresholds', () => {
  assert.equal(compoundColor(0.05), POSITIVE.color);
  assert.equal(compoundColor(-0.05), NEGATIVE.color);
  assert.notEqual(compoundColor(0), POSITIVE.color);
  assert.notEqual(compoundColor(0), NEGATIVE.color);
});
