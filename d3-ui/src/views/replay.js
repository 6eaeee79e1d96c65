// Replay: the live layout animated through a past range at 1×, 10×, 60× or 600×, with pause, step
// and a scrubber, driven by range queries (replaySource), never by re-ingesting. Without a range in
// the URL it replays the last 6 hours, or, when they hold no data, the last 6 hours of the data
// (and says so); a range without data offers a one-click jump to it.
import { select, timeFormat } from 'd3';
import { mergeExtremes } from '../data.js';
import { dataExtent, holdsData, lastOf, spanLabel } from '../extent.js';
import { formatLocal, formatUtc } from '../format.js';
import { createReplayClock, replaySource } from '../replay.js';
import { SPEEDS } from '../state.js';
import { dashboardPanel, pickedRange, showNotice } from './panel.js';

const inputFormat = timeFormat('%Y-%m-%dT%H:%M');
const TICK_MS = 250;
const DEFAULT_SPAN = 6 * 3600e3;

/** Mounts the replay view; returns {update(state), destroy()}. */
export function replayView(container, { api, state, navigate, now = () => Date.now(), timers = globalThis, topics: known = [] }) {
  let to0 = state.to ?? new Date(Math.floor(now() / 60e3) * 60e3);
  let from0 = state.from ?? new Date(+to0 - DEFAULT_SPAN);
  let openedOnData = null;
  if (!state.from && !state.to) {
    const extent = dataExtent(known, state.topics);
    if (extent && !holdsData(extent, [from0, to0])) {
      [from0, to0] = lastOf(extent, DEFAULT_SPAN);
      openedOnData = extent;
    }
  }
  const root = select(container).append('div').attr('class', 'view replay');
  const bar = root.append('div').attr('class', 'toolbar');
  bar.append('h2').text('Replay');
  const form = bar.append('form').attr('class', 'custom');
  const fromIn = form.append('label').text('From ').append('input').attr('type', 'datetime-local').property('value', inputFormat(from0));
  const toIn = form.append('label').text('To ').append('input').attr('type', 'datetime-local').property('value', inputFormat(to0));
  form.append('button').attr('type', 'submit').text('Load');
  const formError = form.append('span').attr('class', 'field-error').attr('role', 'alert');
  const notice = root.append('div').attr('class', 'notice').attr('role', 'status').attr('hidden', true);
  const controls = root.append('div').attr('class', 'controls').attr('role', 'group').attr('aria-label', 'Replay controls');
  const playBtn = controls.append('button').attr('type', 'button').attr('class', 'play');
  const stepBtn = controls.append('button').attr('type', 'button').attr('class', 'step').text('Step +1 min');
  const speedSel = controls.append('label').text('Speed ').append('select').attr('class', 'speed');
  speedSel
    .selectAll('option')
    .data(SPEEDS)
    .join('option')
    .attr('value', (d) => d)
    .text((d) => `${d}×`);
  const scrubber = controls
    .append('input')
    .attr('type', 'range')
    .attr('class', 'scrubber')
    .attr('aria-label', 'Replay position')
    .attr('step', 60e3);
  const clockLabel = controls.append('time').attr('class', 'replay-clock');
  const panel = dashboardPanel(root.node(), { windowLabel: '60 minutes before the replay time' });

  let clock;
  let source;
  let shownMinute = null;
  let busy = false;
  let pending = false;
  let destroyed = false;
  let lastTick = now();

  function describe(s) {
    const extent = dataExtent(known, s.topics);
    if (openedOnData && +clock.from() === +from0 && +clock.to() === +to0) {
      showNotice(
        notice,
        `No posts of ${s.topics.join(', ')} in the last ${spanLabel(DEFAULT_SPAN)}: replaying the last ` +
          `${spanLabel(+to0 - +from0)} of their data, ${formatLocal(from0)} – ${formatLocal(to0)}.`,
      );
      notice.attr('data-reason', 'opened-on-data');
    } else if (extent && !holdsData(extent, [clock.from(), clock.to()])) {
      const [a, b] = lastOf(extent, DEFAULT_SPAN);
      showNotice(notice, `No posts of ${s.topics.join(', ')} in this range.`, {
        label: `Jump to the data (${formatLocal(a)} – ${formatLocal(b)})`,
        onClick: () => navigate({ from: a, to: b, at: a, speed: clock.speed() }),
      });
      notice.attr('data-reason', 'no-data');
    } else {
      showNotice(notice, null);
      notice.attr('data-reason', null);
    }
  }

  function setup(s) {
    clock = createReplayClock({ from: s.from ?? from0, to: s.to ?? to0, speed: s.speed, at: s.at });
    describe(s);
    source = replaySource({ api, topics: s.topics });
    scrubber.attr('min', +clock.from()).attr('max', +clock.to());
    speedSel.property('value', String(clock.speed()));
    shownMinute = null;
    show(true);
  }

  function controlsChanged() {
    playBtn.text(clock.playing() ? '❚❚ Pause' : '▶ Play').attr('aria-pressed', String(clock.playing()));
    const t = clock.time();
    scrubber.property('value', +t).attr('aria-valuetext', formatLocal(t));
    clockLabel.attr('datetime', t.toISOString()).attr('title', formatUtc(t)).text(formatLocal(t));
    root.attr('data-replay-at', t.toISOString()).attr('data-playing', String(clock.playing()));
  }

  // Redraws when the replay time enters a new minute; one query at a time, the latest wins.
  async function show(force = false) {
    controlsChanged();
    const minute = Math.floor(+clock.time() / 60e3);
    if (!force && minute === shownMinute) return;
    if (busy) {
      pending = true;
      return;
    }
    busy = true;
    shownMinute = minute;
    const t = new Date(minute * 60e3);
    const win = [new Date(+t + 60e3 - 3600e3), new Date(+t + 60e3)];
    try {
      const [series, ext] = await Promise.all([
        source.windowAt(t),
        api.extremes({ topic: state.topics[0], from: win[0], to: win[1], limit: 3 }),
      ]);
      source.prefetch(t);
      if (destroyed) return;
      panel.update({ series, window: win, stepMs: 60e3, extremes: mergeExtremes(null, ext, 3) });
    } catch (e) {
      if (!destroyed) {
        clock.pause();
        controlsChanged();
        panel.state('error', `Replay stopped: ${e.message}`);
      }
    } finally {
      busy = false;
      if (pending && !destroyed) {
        pending = false;
        show();
      }
    }
  }

  function record() {
    navigate({ from: clock.from(), to: clock.to(), speed: clock.speed(), at: clock.time() }, { replace: true });
  }

  playBtn.on('click', () => {
    clock.toggle();
    lastTick = now();
    controlsChanged();
    record();
  });
  stepBtn.on('click', () => {
    clock.pause();
    clock.step();
    show();
    record();
  });
  speedSel.on('change', function () {
    clock.setSpeed(Number(this.value));
    record();
  });
  scrubber.on('input', function () {
    clock.seek(Number(this.value));
    show();
  });
  scrubber.on('change', () => record());
  form.on('submit', (event) => {
    event.preventDefault();
    const range = pickedRange(fromIn, toIn, formError);
    if (range) navigate({ from: range[0], to: range[1], at: range[0], speed: clock.speed() });
  });

  const timer = timers.setInterval(() => {
    const t = now();
    const elapsed = t - lastTick;
    lastTick = t;
    if (clock.playing()) {
      clock.advance(elapsed);
      show();
    }
  }, TICK_MS);

  panel.state('loading', 'Loading the replay range…');
  setup(state);
  if (openedOnData) {
    // record the range in the URL (without a history entry) once the view is mounted
    Promise.resolve().then(() => {
      if (!destroyed) navigate({ from: from0, to: to0, at: clock.time(), speed: clock.speed() }, { replace: true });
    });
  }

  return {
    update(next) {
      const same = next.from && +next.from === +clock.from() && next.to && +next.to === +clock.to() && next.topics.join() === state.topics.join();
      state = next;
      if (!same) setup(next);
    },
    destroy() {
      destroyed = true;
      timers.clearInterval(timer);
      panel.destroy();
      root.remove();
    },
    clock: () => clock,
  };
}
