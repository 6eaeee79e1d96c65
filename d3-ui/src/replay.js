// Replay: a virtual clock that runs through a past range at 1×, 10×, 60× or 600×, and a source that
// answers "the last 60 minutes at time t" from range queries, fetched in cached chunks.
import { parseSeries } from './data.js';
import { SPEEDS } from './state.js';

/** A replay clock over [from, to]; advance(realMs) moves it while playing and stops it at the end. */
export function createReplayClock({ from, to, speed = 60, at = null }) {
  if (!(from < to)) throw new Error('replay range: from must be before to');
  let t = at && at >= from && at <= to ? +at : +from;
  let playing = false;
  let rate = SPEEDS.includes(speed) ? speed : 60;
  const clamp = (v) => Math.max(+from, Math.min(+to, v));
  return {
    play() {
      if (t >= +to) t = +from;
      playing = true;
    },
    pause() {
      playing = false;
    },
    toggle() {
      if (playing) this.pause();
      else this.play();
      return playing;
    },
    /** Moves the clock by realMs × speed when playing; returns the new time. */
    advance(realMs) {
      if (playing) {
        t = clamp(t + realMs * rate);
        if (t >= +to) playing = false;
      }
      return new Date(t);
    },
    /** One minute (or ms) forward, playing or not. */
    step(ms = 60e3) {
      t = clamp(t + ms);
      return new Date(t);
    },
    seek(time) {
      t = clamp(+time);
      return new Date(t);
    },
    setSpeed(s) {
      if (!SPEEDS.includes(s)) throw new Error(`replay speed must be one of ${SPEEDS.join(', ')}`);
      rate = s;
    },
    speed: () => rate,
    playing: () => playing,
    time: () => new Date(t),
    from: () => new Date(+from),
    to: () => new Date(+to),
  };
}

/**
 * Series for the 60 minutes before t, from /api/v1/series at 1-minute step, fetched per chunk of
 * chunkMs (aligned) and cached, so playing fetches each chunk once.
 */
export function replaySource({ api, topics, chunkMs = 3 * 3600e3, windowMs = 3600e3 }) {
  const chunks = new Map(); // chunk start → Promise<[{topic, points}]>

  function chunk(k) {
    if (!chunks.has(k)) {
      const p = api
        .series({ topics, from: new Date(k), to: new Date(k + chunkMs), step: '1m' })
        .then(parseSeries)
        .catch((e) => {
          chunks.delete(k);
          throw e;
        });
      chunks.set(k, p);
    }
    return chunks.get(k);
  }

  return {
    /** [{topic, points}] with from <= start < t+1m, i.e. up to and including the minute of t. */
    async windowAt(t) {
      const to = Math.floor(+t / 60e3) * 60e3 + 60e3;
      const from = to - windowMs;
      const ks = [];
      for (let k = Math.floor(from / chunkMs) * chunkMs; k < to; k += chunkMs) ks.push(k);
      const parts = await Promise.all(ks.map(chunk));
      return topics.map((topic) => ({
        topic,
        points: parts
          .flatMap((series) => series.find((s) => s.topic === topic)?.points ?? [])
          .filter((p) => +p.start >= from && +p.start < to),
      }));
    },
    /** Starts fetching the chunk after t's, so playback does not wait at chunk borders. */
    prefetch(t) {
      chunk(Math.floor(+t / chunkMs) * chunkMs + chunkMs).catch(() => {});
    },
    cachedChunks: () => chunks.size,
  };
}
