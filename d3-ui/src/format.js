// Number and time formatting for every label the dashboard shows.
// Times are shown in the browser's zone; formatUtc gives the UTC text shown on hover.
import { format, timeFormat, utcFormat } from 'd3';

const count = format(',');
const compound = format('+.2f');
const share = format('.0%');
const localMinute = timeFormat('%Y-%m-%d %H:%M');
const localClock = timeFormat('%H:%M');
const utcMinute = utcFormat('%Y-%m-%d %H:%M UTC');
const tickDay = timeFormat('%a %d %b');
const tickMonth = timeFormat('%d %b');

/** 12345 → "12,345". */
export function formatCount(n) {
  return n == null || Number.isNaN(n) ? '—' : count(n);
}

/** A VADER compound score with its sign: 0.4 → "+0.40", -0.4 → "−0.40", null → "—". */
export function formatCompound(x) {
  return x == null || Number.isNaN(x) ? '—' : compound(x);
}

/** 0.42 → "42%". */
export function formatShare(x) {
  return x == null || Number.isNaN(x) ? '—' : share(x);
}

/** A minute in the browser's time zone. */
export function formatLocal(date) {
  return localMinute(toDate(date));
}

/** Hours and minutes in the browser's time zone. */
export function formatClock(date) {
  return localClock(toDate(date));
}

/** An axis tick in the browser's zone, 24-hour: "14:05" within a day, "Tue 24 Nov" at midnight. */
export function formatTick(date) {
  const d = toDate(date);
  if (d.getHours() || d.getMinutes()) return localClock(d);
  return d.getDate() === 1 ? tickMonth(d) : tickDay(d);
}

/** The same instant in UTC, for hover titles. */
export function formatUtc(date) {
  return utcMinute(toDate(date));
}

/** A duration in milliseconds as "1 h 5 min", "90 s" or "2 d 3 h". */
export function formatDuration(ms) {
  const s = Math.round(ms / 1000);
  if (s < 120) return `${s} s`;
  const m = Math.round(s / 60);
  if (m < 120) return `${m} min`;
  const h = Math.floor(m / 60);
  if (h < 48) return m % 60 ? `${h} h ${m % 60} min` : `${h} h`;
  const d = Math.floor(h / 24);
  return h % 24 ? `${d} d ${h % 24} h` : `${d} d`;
}

function toDate(d) {
  return d instanceof Date ? d : new Date(d);
}
