// A colour-blind-safe palette (Okabe & Ito). Positive and negative are blue and orange and always
// carry a glyph too, so they are never told apart by colour alone.
export const POSITIVE = Object.freeze({ key: 'positive', label: 'positive', color: '#0072B2', glyph: '+' });
export const NEUTRAL = Object.freeze({ key: 'neutral', label: 'neutral', color: '#8c8c8c', glyph: '·' });
export const NEGATIVE = Object.freeze({ key: 'negative', label: 'negative', color: '#E69F00', glyph: '−' });
export const POLARITIES = Object.freeze([POSITIVE, NEUTRAL, NEGATIVE]);

/** Up to five compared topics; none of them is the positive blue or the negative orange. */
export const TOPIC_COLORS = Object.freeze(['#3d3d3d', '#CC79A7', '#009E73', '#D55E00', '#56B4E9']);

/** The colour of the i-th compared topic. */
export function topicColor(i) {
  return TOPIC_COLORS[((i % TOPIC_COLORS.length) + TOPIC_COLORS.length) % TOPIC_COLORS.length];
}

/** The polarity colour of a compound score: blue above +0.05, orange below −0.05, grey between (VADER's thresholds). */
export function compoundColor(x) {
  if (x >= 0.05) return POSITIVE.color;
  if (x <= -0.05) return NEGATIVE.color;
  return NEUTRAL.color;
}
