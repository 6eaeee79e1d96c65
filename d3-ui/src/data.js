// Pure helpers over the REST series contract (rest/src/test/resources/api-fixtures/series.json).
export const STEPS = Object.freeze({ '1m': 60e3, '5m': 300e3, '15m': 900e3, '1h': 3600e3, '1d': 86400e3 });
export const HISTOGRAM_BINS = 20;

/** Milliseconds of a step name; unknown names are an error. */
export function stepMillis(step) {
  const ms = STEPS[step];
  if (!ms) throw new Error(`unknown step "${step}"`);
  return ms;
}

/** One wire point with its start parsed to a Date; other fields are kept as they are. */
export function parsePoint(p) {
  return { ...p, start: new Date(p.start) };
}

/** A wire series response → [{topic, points}] with parsed, time-ordered points. */
export function parseSeries(response) {
  return (response.series ?? []).map((s) => ({
    topic: s.topic,
    points: s.points.map(parsePoint).sort((a, b) => a.start - b.start),
  }));
}

/** A new array with point put in its place by start, replacing a point of the same start. */
export function upsertPoint(points, point) {
  const out = points.filter((p) => +p.start !== +point.start);
  out.push(point);
  return out.sort((a, b) => a.start - b.start);
}

/** The points with from <= start < to. */
export function windowPoints(points, from, to) {
  return points.filter((p) => p.start >= from && p.start < to);
}

/** True where a point has a mean to draw; the line and band break elsewhere (line.defined). */
export function hasMean(p) {
  return p != null && !p.gap && p.meanCompound != null;
}

/**
 * The points with a gap marker inserted wherever the next bucket is more than one step away, so that
 * line.defined() breaks the line over buckets the API left out.
 */
export function withGaps(points, stepMs) {
  const out = [];
  for (let i = 0; i < points.length; i++) {
    if (i > 0 && points[i].start - points[i - 1].start > stepMs) {
      out.push({ gap: true, start: new Date(+points[i - 1].start + stepMs) });
    }
    out.push(points[i]);
  }
  return out;
}

/** Sums counts over points: {count, scored, positive, neutral, negative}. */
export function totals(points) {
  const t = { count: 0, scored: 0, positive: 0, neutral: 0, negative: 0 };
  for (const p of points) for (const k of Object.keys(t)) t[k] += p[k] ?? 0;
  return t;
}

/** Shares of the scored posts: {positive, neutral, negative} summing to 1, or null when nothing was scored. */
export function shares(points) {
  const t = totals(points);
  if (t.scored === 0) return null;
  return { positive: t.positive / t.scored, neutral: t.neutral / t.scored, negative: t.negative / t.scored };
}

/** The bin-wise sum of the points' 20-bin histograms. */
export function sumHistograms(points) {
  const sum = new Array(HISTOGRAM_BINS).fill(0);
  for (const p of points) (p.histogram ?? []).forEach((v, i) => (sum[i] += v));
  return sum;
}

/** The latest point, or null. */
export function latest(points) {
  return points.length ? points[points.length - 1] : null;
}

/** The start of the minute containing t. */
export function minuteOf(t) {
  return new Date(Math.floor(+t / 60e3) * 60e3);
}

/**
 * The current extremes merged with newly pushed ones: each side keeps its `limit` strongest posts,
 * by |compound| then id (deterministic), without duplicates.
 */
export function mergeExtremes(current, incoming, limit = 3) {
  function side(a = [], b = [], sign) {
    const byId = new Map();
    for (const p of [...a, ...b]) byId.set(p.id, p);
    return [...byId.values()]
      .sort((x, y) => sign * (y.compound - x.compound) || String(x.id).localeCompare(String(y.id)))
      .slice(0, limit);
  }
  return {
    positive: side(current?.positive, incoming?.positive, 1),
    negative: side(current?.negative, incoming?.negative, -1),
  };
}
