// The "live" layout shared by the live and replay views: mean line with spread band, volume bars,
// polarity shares, the compound histogram of the current minute and the extremes cards; and the
// parts every view builds the same way (state, notice, chart card, range form).
import { select } from 'd3';
import { extremesCards } from '../charts/extremesCards.js';
import { histogramChart } from '../charts/histogramChart.js';
import { lineChart } from '../charts/lineChart.js';
import { shareChart } from '../charts/shareChart.js';
import { volumeChart } from '../charts/volumeChart.js';
import { latest, totals } from '../data.js';
import { formatClock, formatLocal, formatUtc } from '../format.js';
import { topicColor } from '../palette.js';

/** Shows a loading / empty / error message in el (a selection), or clears it with state 'ready'. */
export function showState(el, state, message = '') {
  el.attr('data-state', state)
    .selectAll('p.state')
    .data(state === 'ready' ? [] : [state])
    .join('p')
    .attr('class', (d) => `state ${d}`)
    .attr('role', (d) => (d === 'error' ? 'alert' : null))
    .text(message);
}

/**
 * Shows a notice in el (a selection with role=status) — a sentence and, optionally, one action button
 * ({label, onClick, className}) — or hides it when message is null.
 */
export function showNotice(el, message, action = null) {
  el.selectAll('*').remove();
  el.attr('hidden', message ? null : true);
  if (!message) return;
  el.append('p').text(message);
  if (action) {
    el.append('button')
      .attr('type', 'button')
      .attr('class', action.className ?? 'jump-to-data')
      .text(action.label)
      .on('click', action.onClick);
  }
}

/** Builds the panel in container (a DOM element) and returns {update(model), state(state, msg), node}. */
/** A chart's card: <figure class="card {kind}"> with its caption and the element the chart draws in. */
export function chartCard(parent, kind, caption) {
  const figure = parent.append('figure').attr('class', `card ${kind}`);
  return { caption: figure.append('figcaption').text(caption), host: figure.append('div').attr('class', 'chart-host') };
}

/** The [from, to] of a range form's two datetime inputs, or null with a message in error when it is not a range. */
export function pickedRange(fromIn, toIn, error) {
  const from = new Date(fromIn.property('value'));
  const to = new Date(toIn.property('value'));
  const ok = !Number.isNaN(+from) && !Number.isNaN(+to) && from < to;
  error.text(ok ? '' : 'Pick a start before the end.');
  return ok ? [from, to] : null;
}

export function dashboardPanel(
  container,
  { windowLabel = 'last 60 minutes', emptyMessage = (win) => `No posts between ${formatLocal(win[0])} and ${formatLocal(win[1])}.` } = {},
) {
  const root = select(container).append('section').attr('class', 'panel');
  const status = root.append('div').attr('class', 'panel-state');
  const legend = root.append('ul').attr('class', 'legend').attr('aria-label', 'Topics');
  const meanEl = chartCard(root, 'mean', `Mean sentiment with ±1 standard deviation, ${windowLabel}`).host;
  const volumeEl = chartCard(root, 'volume', 'Posts per minute').host;
  const row = root.append('div').attr('class', 'row');
  const shareEl = chartCard(row, 'share', `Positive / neutral / negative, ${windowLabel}`).host;
  const { caption: histCaption, host: histEl } = chartCard(row, 'histogram', 'Compound scores, current minute');
  const cards = root.append('div').attr('class', 'card extremes-host');
  const cardsCaption = cards.append('h2').text('Most positive and negative posts');
  const cardsEl = cards.append('div').attr('class', 'extremes-grid');

  const line = lineChart();
  const bars = volumeChart();
  const shares = shareChart();
  const histogram = histogramChart();
  const posts = extremesCards();
  let model = null;
  let redraws = 0;

  function width(el, fallback) {
    const w = el.node().clientWidth;
    return w && w > 100 ? Math.floor(w) : fallback;
  }

  function draw() {
    if (!model) return;
    const { series, window: win, stepMs = 60e3, extremes } = model;
    redraws += 1;
    const w = width(meanEl, 640);
    const names = series.map((s) => s.topic).join(', ');
    const span = `${formatLocal(win[0])} to ${formatLocal(win[1])}`;
    line.label(`Mean sentiment with spread of ${names}, ${span}`);
    bars.label(`Posts per minute of ${names}, ${span}`);
    shares.label(`Share of positive, neutral and negative posts of ${names}, ${span}`);
    legend
      .selectAll('li')
      .data(series.length > 1 ? series : [], (s) => s.topic)
      .join('li')
      .html('')
      .call((li) => li.append('span').attr('class', 'swatch').style('background', (s, i) => topicColor(i)))
      .call((li) => li.append('span').text((s) => s.topic));
    meanEl.datum(series).call(line.width(w).height(w < 480 ? 180 : 220).xDomain(win).stepMs(stepMs).band(true));
    volumeEl.datum(series).call(bars.width(w).height(110).xDomain(win).stepMs(stepMs));
    shareEl
      .datum(series.map((s) => ({ label: s.topic, ...totals(s.points) })))
      .call(shares.width(width(shareEl, 320)).labelWidth(w < 480 ? 64 : 90));
    const current = latest(series[0]?.points ?? []);
    histCaption
      .text(current ? `Compound scores, minute of ${formatClock(current.start)} (${series[0].topic})` : 'Compound scores, current minute')
      .attr('title', current ? formatUtc(current.start) : null);
    histEl.datum(current?.histogram ?? new Array(20).fill(0)).call(histogram.width(width(histEl, 320)));
    cardsCaption.text(`Most positive and negative posts${series[0] ? ` (${series[0].topic})` : ''}`);
    cardsEl.datum(extremes ?? { positive: [], negative: [] }).call(posts);
    const last = series.flatMap((s) => s.points).reduce((a, p) => (!a || p.start > a ? p.start : a), null);
    root
      .attr('data-redraws', redraws)
      .attr('data-last-bucket', last ? last.toISOString() : '')
      .attr('data-window', `${win[0].toISOString()}~${win[1].toISOString()}`);
    const empty = series.every((s) => s.points.length === 0);
    showState(status, empty ? 'empty' : 'ready', empty ? emptyMessage(win) : '');
  }

  const onResize = () => draw();
  globalThis.addEventListener?.('resize', onResize);

  return {
    node: root.node(),
    update(next) {
      model = next;
      draw();
    },
    state(state, message) {
      showState(status, state, message);
    },
    destroy() {
      globalThis.removeEventListener?.('resize', onResize);
      root.remove();
    },
  };
}
