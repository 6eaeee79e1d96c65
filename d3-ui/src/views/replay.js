// Replay: the live layout animated through a past range at 1×, 10×, 60× or 600×, with pause, step
// and a scrubber, driven by range queries (replaySource), never by re-ingesting.
import { select, timeFormat } from 'd3';
import { mergeExtremes } from '../data.js';
import { formatLocal, formatUtc } from '../format.js';
import { createReplayClock, replaySource } from '../replay.js';
import { SPEEDS } from '../state.js';
import { dashboardPanel } from './panel.js';

const inputFormat = timeFormat('%Y-%m-%dT%H:%M');
const TICK_MS = 250;

/** Mounts the replay view; returns {update(state), destroy()}. */
export function replayView(container, { api, state, navigate, now = () => Date.now(), timers = globalThis }) {
  const to0 = state.to ?? new Date(Math.floor(now() / 60e3) * 60e3);
  const from0 = state.from ?? new Date(+to0 - 6 * 3600e3);
  const root = select(container).append('div').attr('class', 'view replay');
  const bar = root.append('div').attr('class', 'toolbar');
  bar.append('h2').text('Replay');
  const form = bar.append('form').attr('class', 'custom');
  const fromIn = form.append('label').text('From ').append('input').attr('type', 'datetime-local').property('value', inputFormat(from0));
  const toIn = form.append('label').text('To ').append('input').attr('type', 'datetime-local').property('value', inputFormat(to0));
  form.append('button').attr('type', 'submit').text('Load');
  const formError = form.append('span').attr('class', 'field-error').attr('role', 'alert');
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

  function setup(s) {
    clock = createReplayClock({ from: s.from ?? from0, to: s.to ?? to0, speed: s.speed, at: s.at });
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
    const from = new Date(fromIn.property('value'));
    const to = new Date(toIn.property('value'));
    if (Number.isNaN(+from) || Number.isNaN(+to) || !(from < to)) {
      formError.text('Pick a start before the end.');
      return;
    }
    formError.text('');
    navigate({ from, to, at: from, speed: clock.speed() });
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
