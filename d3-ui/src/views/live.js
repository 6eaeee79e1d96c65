// Live: the last 60 minutes of the chosen topics, kept current from /api/v1/live without reloading.
// With no post yet in the hour it says it is waiting for the first minute, and when the topics' data
// lies further back, where to see it.
import { select } from 'd3';
import { connectLive, STATUS } from '../liveStream.js';
import { mergeExtremes, parsePoint, parseSeries, upsertPoint } from '../data.js';
import { dataExtent } from '../extent.js';
import { formatLocal, formatUtc } from '../format.js';
import { formatState } from '../state.js';
import { dashboardPanel, showNotice } from './panel.js';

const WINDOW_MS = 3600e3;
const LABELS = {
  connecting: 'Connecting…',
  live: '● Live',
  reconnecting: '◌ Reconnecting…',
  stale: '◐ Stale – no update for a while',
  closed: '○ Disconnected',
};
// The worst status among the topics' connections is the one shown.
const ORDER = [STATUS.closed, STATUS.reconnecting, STATUS.stale, STATUS.connecting, STATUS.live];

/** Mounts the live view; returns {update(state), destroy()}. */
export function liveView(
  container,
  { api, state, now = () => Date.now(), EventSourceImpl = globalThis.EventSource, timers = globalThis, topics: known = [] },
) {
  const root = select(container).append('div').attr('class', 'view live');
  const bar = root.append('div').attr('class', 'toolbar');
  bar.append('h2').text('Live');
  const indicator = bar.append('span').attr('class', 'indicator').attr('role', 'status').attr('aria-live', 'polite');
  const updated = bar.append('span').attr('class', 'updated');
  const notice = root.append('div').attr('class', 'notice').attr('role', 'status').attr('hidden', true);
  const panel = dashboardPanel(root.node(), {
    emptyMessage: (win) =>
      `Waiting for the first minute… no posts since ${formatLocal(win[0])} yet; each minute appears here as soon as it is stored.`,
  });
  const topics = state.topics;
  let series = topics.map((topic) => ({ topic, points: [] }));
  let extremes = { positive: [], negative: [] };
  const statuses = new Map();
  let connections = [];
  let destroyed = false;

  function windowNow() {
    const end = Math.floor(now() / 60e3) * 60e3 + 60e3;
    return [new Date(end - WINDOW_MS), new Date(end)];
  }

  function render() {
    const win = windowNow();
    series = series.map((s) => ({ ...s, points: s.points.filter((p) => p.start >= win[0]) }));
    panel.update({ series, window: win, stepMs: 60e3, extremes });
    olderData(win);
  }

  /** When nothing is in the window but the topics have data before it: say where it is. */
  function olderData(win) {
    const extent = dataExtent(known, topics);
    const empty = series.every((s) => s.points.length === 0);
    if (!empty || !extent || +extent[1] > +win[0]) {
      if (!notice.attr('hidden')) showNotice(notice, null);
      return;
    }
    const span = [extent[0], extent[1]];
    showNotice(notice, `The latest posts of ${topics.join(', ')} are from ${formatLocal(new Date(+extent[1] - 60e3))}.`);
    const links = notice.append('p').attr('class', 'see-data');
    links.append('a').attr('class', 'see-historical').attr('href', formatState({ view: 'historical', topics, range: 'custom', from: span[0], to: span[1] })).text('See them in Historical');
    links.append('span').text(' · ');
    links.append('a').attr('class', 'see-replay').attr('href', formatState({ view: 'replay', topics, from: new Date(Math.max(+span[0], +span[1] - 6 * 3600e3)), to: span[1], speed: 60 })).text('Replay them');
  }

  function showStatus() {
    const worst = ORDER.find((s) => [...statuses.values()].includes(s)) ?? STATUS.connecting;
    indicator.attr('class', `indicator ${worst}`).attr('data-status', worst).text(LABELS[worst]);
  }

  function touched() {
    const t = new Date(now());
    updated.text(`updated ${formatLocal(t)}`).attr('title', formatUtc(t));
  }

  async function load() {
    panel.state('loading', 'Loading the last 60 minutes…');
    const [from, to] = windowNow();
    try {
      const [body, ext] = await Promise.all([
        api.series({ topics, from, to, step: '1m' }),
        api.extremes({ topic: topics[0], from, to, limit: 3 }),
      ]);
      if (destroyed) return;
      const loaded = parseSeries(body);
      series = topics.map((topic) => ({ topic, points: loaded.find((s) => s.topic === topic)?.points ?? [] }));
      extremes = mergeExtremes({ positive: [], negative: [] }, ext, 3);
      render();
      touched();
    } catch (e) {
      if (!destroyed) panel.state('error', `Could not load the live view: ${e.message}`);
    }
  }

  function subscribe() {
    connections = topics.map((topic) =>
      connectLive({
        url: api.liveUrl(topic),
        EventSourceImpl,
        now,
        setIntervalImpl: (fn, ms) => timers.setInterval(fn, ms),
        clearIntervalImpl: (id) => timers.clearInterval(id),
        onStatus: (s) => {
          statuses.set(topic, s);
          showStatus();
        },
        onBucket: (b) => {
          const i = series.findIndex((s) => s.topic === b.topic);
          if (i < 0) return;
          series[i] = { ...series[i], points: upsertPoint(series[i].points, parsePoint(b)) };
          render();
          touched();
        },
        onExtremes: (e) => {
          if (e.topic !== topics[0]) return;
          extremes = mergeExtremes(extremes, e, 3);
          render();
        },
      }),
    );
  }

  load().then(() => {
    if (!destroyed) subscribe();
  });
  showStatus();
  // Slide the window each 30 s even when no bucket arrives.
  const slide = timers.setInterval(() => render(), 30e3);

  return {
    update() {},
    destroy() {
      destroyed = true;
      timers.clearInterval(slide);
      connections.forEach((c) => c.close());
      panel.destroy();
      root.remove();
    },
  };
}
