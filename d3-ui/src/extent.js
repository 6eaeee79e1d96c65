// Where the data lies: the topics endpoint gives each topic's first and last minute. The historical
// and replay views open on it when their default window holds none, and offer to jump to it.
const MINUTE = 60e3;

/** [first, last + 1 minute) of the given topics, from the topics endpoint's answer; null if none. */
export function dataExtent(known, topics) {
  const spans = (known ?? []).filter((t) => topics.includes(t.topic) && t.first && t.last);
  if (!spans.length) return null;
  const from = Math.min(...spans.map((t) => Date.parse(t.first)));
  const to = Math.max(...spans.map((t) => Date.parse(t.last))) + MINUTE;
  return Number.isFinite(from) && Number.isFinite(to) && from < to ? [new Date(from), new Date(to)] : null;
}

/** Whether the window [from, to) and the extent share any time. */
export function holdsData(extent, [from, to]) {
  return !!extent && +extent[0] < +to && +from < +extent[1];
}

/** The last `span` milliseconds of the extent (all of it when it is shorter). */
export function lastOf(extent, span) {
  return [new Date(Math.max(+extent[0], +extent[1] - span)), new Date(+extent[1])];
}

/** "1 h", "24 h", "6 h", "7 d", "90 min": the length of a window in words. */
export function spanLabel(ms) {
  if (ms % 86400e3 === 0 && ms >= 2 * 86400e3) return `${ms / 86400e3} d`;
  if (ms % 3600e3 === 0) return `${ms / 3600e3} h`;
  return `${Math.round(ms / 60e3)} min`;
}
