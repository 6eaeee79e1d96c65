// The /api/v1/live subscription with a visible status: connecting → live ⇄ reconnecting, and stale
// when the connection is open but no bucket has arrived for staleAfterMs. The browser's EventSource
// reconnects by itself and sends Last-Event-ID; this module only reports what is happening.

export const STATUS = Object.freeze({
  connecting: 'connecting',
  live: 'live',
  reconnecting: 'reconnecting',
  stale: 'stale',
  closed: 'closed',
});

/**
 * Subscribes to url. Callbacks: onBucket(point with topic), onExtremes({topic, minute, positive, negative}),
 * onStatus(status). Returns {close(), status()}.
 */
export function connectLive({
  url,
  EventSourceImpl = globalThis.EventSource,
  onBucket = () => {},
  onExtremes = () => {},
  onStatus = () => {},
  now = () => Date.now(),
  staleAfterMs = 150e3,
  checkEveryMs = 5e3,
  setIntervalImpl = globalThis.setInterval,
  clearIntervalImpl = globalThis.clearInterval,
}) {
  let status = null;
  let lastMessage = now();
  const source = new EventSourceImpl(url);

  function set(s) {
    if (s !== status) {
      status = s;
      onStatus(s);
    }
  }

  function parse(event) {
    try {
      return JSON.parse(event.data);
    } catch {
      return null;
    }
  }

  set(STATUS.connecting);
  source.addEventListener('open', () => {
    lastMessage = now();
    set(STATUS.live);
  });
  source.addEventListener('error', () => {
    // readyState 0 = CONNECTING (the browser retries), 2 = CLOSED (it gave up, e.g. on a 4xx).
    set(source.readyState === 2 ? STATUS.closed : STATUS.reconnecting);
  });
  for (const [type, handle] of [['bucket', onBucket], ['extremes', onExtremes]]) {
    source.addEventListener(type, (event) => {
      const data = parse(event);
      if (!data) return;
      lastMessage = now();
      set(STATUS.live);
      handle(data);
    });
  }

  const timer = setIntervalImpl(() => check(), checkEveryMs);
  function check() {
    if ((status === STATUS.live || status === STATUS.stale) && now() - lastMessage > staleAfterMs) set(STATUS.stale);
  }

  return {
    status: () => status,
    check,
    close() {
      clearIntervalImpl(timer);
      source.close();
      set(STATUS.closed);
    },
  };
}
