// The dashboard state lives in the URL query (shareable; the back button walks through it):
// ?view=historical&topic=apple&topic=banana&range=24h&brush=<iso>~<iso>
// ?view=replay&topic=apple&from=<iso>&to=<iso>&speed=60&at=<iso>
export const VIEWS = Object.freeze(['live', 'historical', 'replay']);
export const RANGES = Object.freeze({ '1h': 3600e3, '24h': 86400e3, '7d': 7 * 86400e3, '30d': 30 * 86400e3 });
export const SPEEDS = Object.freeze([1, 10, 60, 600]);
export const MAX_TOPICS = 5;

function date(s) {
  if (!s) return null;
  const d = new Date(s);
  return Number.isNaN(+d) ? null : d;
}

/** The state of a query string; anything missing or invalid falls back to a default. */
export function parseState(search) {
  const q = new URLSearchParams(search);
  const view = VIEWS.includes(q.get('view')) ? q.get('view') : 'live';
  const topics = [...new Set(q.getAll('topic').filter((t) => t.trim() !== ''))].slice(0, MAX_TOPICS);
  const range = q.get('range') in RANGES || q.get('range') === 'custom' ? q.get('range') : '24h';
  const from = date(q.get('from'));
  const to = date(q.get('to'));
  const [b0, b1] = (q.get('brush') ?? '').split('~').map(date);
  const brush = b0 && b1 && b0 < b1 ? [b0, b1] : null;
  const speed = SPEEDS.includes(Number(q.get('speed'))) ? Number(q.get('speed')) : 60;
  const at = date(q.get('at'));
  // rangeDefaulted: no range was asked for, so the historical view may open on the data instead
  const rangeDefaulted = !q.get('range');
  return { view, topics, range: range === 'custom' && !(from && to && from < to) ? '24h' : range, from, to, brush, speed, at, rangeDefaulted };
}

/** The query string of a state, holding only what the view needs. */
export function formatState(s) {
  const q = new URLSearchParams();
  q.set('view', s.view);
  for (const t of s.topics ?? []) q.append('topic', t);
  if (s.view === 'historical') {
    q.set('range', s.range ?? '24h');
    if (s.range === 'custom' && s.from && s.to) {
      q.set('from', s.from.toISOString());
      q.set('to', s.to.toISOString());
    }
    if (s.brush) q.set('brush', `${s.brush[0].toISOString()}~${s.brush[1].toISOString()}`);
  } else if (s.view === 'replay') {
    if (s.from && s.to) {
      q.set('from', s.from.toISOString());
      q.set('to', s.to.toISOString());
    }
    q.set('speed', String(s.speed ?? 60));
    if (s.at) q.set('at', s.at.toISOString());
  }
  return `?${q}`;
}

/** The [from, to] of the historical range at time now: a relative range ends now, minute-aligned. */
export function rangeBounds(s, now) {
  if (s.range === 'custom' && s.from && s.to) return [s.from, s.to];
  const end = new Date(Math.ceil(+now / 60e3) * 60e3);
  return [new Date(+end - RANGES[s.range ?? '24h']), end];
}

/** The brushed range clipped to bounds, or null when it does not overlap them. */
export function clipBrush(brush, [from, to]) {
  if (!brush) return null;
  const a = Math.max(+brush[0], +from);
  const b = Math.min(+brush[1], +to);
  return a < b ? [new Date(a), new Date(b)] : null;
}

/** Toggles topic in the list, keeping at most MAX_TOPICS and at least one. */
export function toggleTopic(topics, topic) {
  if (topics.includes(topic)) return topics.length > 1 ? topics.filter((t) => t !== topic) : topics;
  return topics.length >= MAX_TOPICS ? topics : [...topics, topic];
}
