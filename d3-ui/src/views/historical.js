// Historical: pick a range (1 h, 24 h, 7 d, 30 d, custom), brush a sub-range on the overview; the
// detail charts and the extremes follow the brush. Range and brush live in the URL. When the
// default range holds no data it opens on the data (the topics' first to last minute) and says so;
// a picked range without data offers a one-click jump to it.
import { select, timeFormat } from 'd3';
import { extremesCards } from '../charts/extremesCards.js';
import { histogramChart } from '../charts/histogramChart.js';
import { lineChart } from '../charts/lineChart.js';
import { overviewChart } from '../charts/overviewChart.js';
import { shareChart } from '../charts/shareChart.js';
import { volumeChart } from '../charts/volumeChart.js';
import { parseSeries, stepMillis, sumHistograms, totals } from '../data.js';
import { formatDuration, formatLocal, formatUtc } from '../format.js';
import { dataExtent, holdsData, spanLabel } from '../extent.js';
import { clipBrush, RANGES, rangeBounds } from '../state.js';
import { chartCard, pickedRange, showNotice, showState } from './panel.js';

const inputFormat = timeFormat('%Y-%m-%dT%H:%M');

/** Mounts the historical view; navigate(patch) records a new URL state. Returns {update(state), destroy()}. */
export function historicalView(container, { api, state, navigate, now = () => Date.now(), topics: known = [] }) {
  const root = select(container).append('div').attr('class', 'view historical');
  const bar = root.append('div').attr('class', 'toolbar');
  bar.append('h2').text('Historical');
  const picker = bar.append('div').attr('class', 'ranges').attr('role', 'group').attr('aria-label', 'Time range');
  const buttons = picker
    .selectAll('button')
    .data([...Object.keys(RANGES), 'custom'])
    .join('button')
    .attr('type', 'button')
    .attr('data-range', (d) => d)
    .text((d) => (d === 'custom' ? 'Custom' : d.replace('h', ' h').replace('d', ' d')))
    .on('click', (event, d) => {
      if (d === 'custom') {
        custom.attr('hidden', null);
        custom.select('input').node().focus();
      } else navigate({ range: d, from: null, to: null, brush: null, rangeDefaulted: false });
    });
  const custom = bar.append('form').attr('class', 'custom').attr('hidden', true);
  const fromIn = custom.append('label').text('From ').append('input').attr('type', 'datetime-local').attr('name', 'from');
  const toIn = custom.append('label').text('To ').append('input').attr('type', 'datetime-local').attr('name', 'to');
  custom.append('button').attr('type', 'submit').text('Apply');
  const customError = custom.append('span').attr('class', 'field-error').attr('role', 'alert');
  custom.on('submit', (event) => {
    event.preventDefault();
    const range = pickedRange(fromIn, toIn, customError);
    if (range) navigate({ range: 'custom', from: range[0], to: range[1], brush: null, rangeDefaulted: false });
  });
  const notice = root.append('div').attr('class', 'notice').attr('role', 'status').attr('hidden', true);

  const over = root.append('figure').attr('class', 'card overview');
  const overCaption = over.append('figcaption');
  const overState = over.append('div').attr('class', 'panel-state');
  const overEl = over.append('div').attr('class', 'chart-host');
  const overHelp = over.append('p').attr('class', 'help');
  overHelp.text('Drag across the overview (or focus it and use the arrow keys) to zoom the charts below.');
  const detail = root.append('section').attr('class', 'detail');
  const detailCaption = detail.append('h3').attr('class', 'detail-range');
  const detailState = detail.append('div').attr('class', 'panel-state');
  const meanEl = chartCard(detail, 'mean', 'Mean sentiment with ±1 standard deviation').host;
  const volEl = chartCard(detail, 'volume', 'Posts per bucket').host;
  const row = detail.append('div').attr('class', 'row');
  const shEl = chartCard(row, 'share', 'Positive / neutral / negative').host;
  const hiEl = chartCard(row, 'histogram', 'Compound scores in the range').host;
  const ex = detail.append('div').attr('class', 'card extremes-host');
  const exCaption = ex.append('h2');
  const exEl = ex.append('div').attr('class', 'extremes-grid');

  const overview = overviewChart().on('brush', (range) => navigate({ brush: range }));
  const line = lineChart();
  const bars = volumeChart();
  const shares = shareChart();
  const histogram = histogramChart();
  const cards = extremesCards().limit(5);
  let current = null;
  let bounds = null;
  let overviewSeries = null;
  let detailToken = 0;
  let overviewToken = 0;
  let destroyed = false;
  let openedOn = null; // the extent the view opened on by itself, while its notice stands

  const width = (el, fallback) => {
    const w = el.node().clientWidth;
    return w && w > 100 ? Math.floor(w) : fallback;
  };

  function drawOverview() {
    if (!overviewSeries) return;
    overEl.datum(overviewSeries.series).call(overview.width(width(overEl, 640)).xDomain(bounds).stepMs(overviewSeries.stepMs));
    overview.brushTo(clipBrush(current.brush, bounds));
  }

  async function loadOverview() {
    const token = ++overviewToken;
    overviewSeries = null;
    overCaption.text(`Overview, ${formatLocal(bounds[0])} – ${formatLocal(bounds[1])} (${formatDuration(bounds[1] - bounds[0])})`);
    overCaption.attr('title', `${formatUtc(bounds[0])} – ${formatUtc(bounds[1])}`);
    showState(overState, 'loading', 'Loading the range…');
    try {
      const body = await api.series({ topics: current.topics, from: bounds[0], to: bounds[1], step: 'auto' });
      if (destroyed || token !== overviewToken) return;
      overviewSeries = { series: parseSeries(body), stepMs: stepMillis(body.step) };
      const empty = overviewSeries.series.every((s) => s.points.length === 0);
      showState(overState, empty ? 'empty' : 'ready', empty ? 'No posts in this range; pick another range or topic.' : '');
      drawOverview();
    } catch (e) {
      if (!destroyed && token === overviewToken) showState(overState, 'error', `Could not load the range: ${e.message}`);
    }
  }

  async function loadDetail() {
    const token = ++detailToken;
    const range = clipBrush(current.brush, bounds) ?? bounds;
    detail.attr('data-range', `${range[0].toISOString()}~${range[1].toISOString()}`);
    detailCaption
      .text(`${current.brush ? 'Selected' : 'Whole range'}: ${formatLocal(range[0])} – ${formatLocal(range[1])}`)
      .attr('title', `${formatUtc(range[0])} – ${formatUtc(range[1])}`);
    showState(detailState, 'loading', 'Loading…');
    try {
      const [body, ext] = await Promise.all([
        api.series({ topics: current.topics, from: range[0], to: range[1], step: 'auto' }),
        api.extremes({ topic: current.topics[0], from: range[0], to: range[1], limit: 5 }),
      ]);
      if (destroyed || token !== detailToken) return;
      const series = parseSeries(body);
      const stepMs = stepMillis(body.step);
      const w = width(meanEl, 640);
      const names = current.topics.join(', ');
      const span = `${formatLocal(range[0])} to ${formatLocal(range[1])}`;
      line.label(`Mean sentiment with spread of ${names}, ${span}`);
      bars.label(`Posts per ${body.step} bucket of ${names}, ${span}`);
      shares.label(`Share of positive, neutral and negative posts of ${names}, ${span}`);
      histogram.label(`Distribution of compound scores of ${current.topics[0]}, ${span}`);
      meanEl.datum(series).call(line.width(w).height(w < 480 ? 180 : 220).xDomain(range).stepMs(stepMs));
      volEl.datum(series).call(bars.width(w).height(110).xDomain(range).stepMs(stepMs));
      shEl.datum(series.map((s) => ({ label: s.topic, ...totals(s.points) }))).call(shares.width(width(shEl, 320)).labelWidth(w < 480 ? 64 : 90));
      hiEl.datum(sumHistograms(series[0]?.points ?? [])).call(histogram.width(width(hiEl, 320)));
      exCaption.text(`Most positive and negative posts (${current.topics[0]})`);
      exEl.datum(ext).call(cards);
      detail.attr('data-extremes', [...ext.positive, ...ext.negative].map((p) => p.id).join(' '));
      const empty = series.every((s) => s.points.length === 0);
      showState(detailState, empty ? 'empty' : 'ready', empty ? 'No posts in the selected range.' : '');
    } catch (e) {
      if (!destroyed && token === detailToken) showState(detailState, 'error', `Could not load the selection: ${e.message}`);
    }
  }

  function jumpToData(extent) {
    return {
      label: `Jump to the data (${formatLocal(extent[0])} – ${formatLocal(extent[1])})`,
      onClick: () => navigate({ range: 'custom', from: extent[0], to: extent[1], brush: null, rangeDefaulted: false }),
    };
  }

  /**
   * The state to show at first: the default range, unless it holds no data and the topics have some
   * elsewhere; then the data's extent, recorded in the URL, with a notice saying so.
   */
  function opening(s) {
    const extent = dataExtent(known, s.topics);
    if (!s.rangeDefaulted || s.range === 'custom' || !extent) return s;
    const defaultBounds = rangeBounds(s, new Date(now()));
    if (holdsData(extent, defaultBounds)) return s;
    const opened = { ...s, range: 'custom', from: extent[0], to: extent[1], brush: null, rangeDefaulted: false };
    openedOn = extent;
    showNotice(
      notice,
      `No posts of ${s.topics.join(', ')} in the last ${spanLabel(RANGES[s.range])}: showing all their data, ` +
        `${formatLocal(extent[0])} – ${formatLocal(extent[1])}.`,
    );
    notice.attr('data-reason', 'opened-on-data');
    // record it in the URL (without a history entry) once the view is mounted
    Promise.resolve().then(() => {
      if (!destroyed) navigate({ range: 'custom', from: extent[0], to: extent[1], brush: null, rangeDefaulted: false }, { replace: true });
    });
    return opened;
  }

  function same(a, b) {
    return (
      a.range === b.range &&
      +a.from === +b.from &&
      +a.to === +b.to &&
      a.topics.join() === b.topics.join() &&
      String(a.brush?.map(Number)) === String(b.brush?.map(Number))
    );
  }

  function update(next) {
    if (current && same(current, next)) return;
    const rangeChanged =
      !current ||
      next.range !== current.range ||
      +next.from !== +current.from ||
      +next.to !== +current.to ||
      next.topics.join() !== current.topics.join();
    current = next;
    buttons.attr('aria-pressed', (d) => String(d === next.range));
    if (next.range === 'custom') {
      custom.attr('hidden', null);
      fromIn.property('value', inputFormat(next.from));
      toIn.property('value', inputFormat(next.to));
    }
    if (rangeChanged) {
      bounds = rangeBounds(next, new Date(now()));
      const extent = dataExtent(known, next.topics);
      if (extent && !holdsData(extent, bounds)) {
        showNotice(notice, `No posts of ${next.topics.join(', ')} in this range.`, jumpToData(extent));
        notice.attr('data-reason', 'no-data');
      } else if (!(openedOn && +bounds[0] === +openedOn[0] && +bounds[1] === +openedOn[1])) {
        showNotice(notice, null);
        notice.attr('data-reason', null);
      }
      loadOverview();
    } else {
      overview.brushTo(clipBrush(next.brush, bounds));
    }
    loadDetail();
  }

  const onResize = () => drawOverview();
  globalThis.addEventListener?.('resize', onResize);
  update(opening(state));
  return {
    update,
    destroy() {
      destroyed = true;
      globalThis.removeEventListener?.('resize', onResize);
      root.remove();
    },
  };
}
