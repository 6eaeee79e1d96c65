// The REST client: builds the /api/v1 URLs of the JSON contract and turns error bodies into ApiError.

/** An HTTP error from the API, with the contract's error body when there is one. */
export class ApiError extends Error {
  constructor(status, body) {
    const what = body?.parameter ? `${body.parameter}: ${body.detail ?? body.error}` : body?.detail ?? body?.error;
    super(status === 503 ? 'The data store is unavailable; retrying may help.' : `HTTP ${status}${what ? ` – ${what}` : ''}`);
    this.status = status;
    this.body = body;
  }
}

function iso(t) {
  return t instanceof Date ? t.toISOString() : String(t);
}

/** /api/v1/series?topic=a&topic=b&from&to&step */
export function seriesUrl({ topics, from, to, step = 'auto' }) {
  const q = new URLSearchParams();
  for (const t of topics) q.append('topic', t);
  q.set('from', iso(from));
  q.set('to', iso(to));
  q.set('step', step);
  return `/api/v1/series?${q}`;
}

/** /api/v1/extremes?topic&from&to&limit&polarity=both */
export function extremesUrl({ topic, from, to, limit = 3 }) {
  const q = new URLSearchParams({ topic, from: iso(from), to: iso(to), limit: String(limit), polarity: 'both' });
  return `/api/v1/extremes?${q}`;
}

/** /api/v1/live?topic */
export function liveUrl(topic) {
  return `/api/v1/live?${new URLSearchParams({ topic })}`;
}

/** A client over a fetch function (window.fetch in the browser). Every method returns the parsed JSON body. */
export function createApi({ fetch: fetchImpl = globalThis.fetch?.bind(globalThis), base = '' } = {}) {
  async function get(path, signal) {
    let res;
    try {
      res = await fetchImpl(base + path, { headers: { Accept: 'application/json' }, signal });
    } catch (e) {
      if (e?.name === 'AbortError') throw e;
      throw new ApiError(0, { error: 'network', detail: 'the server cannot be reached' });
    }
    const text = await res.text();
    let body = null;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      body = { error: 'bad_response', detail: text.slice(0, 200) };
    }
    if (!res.ok) throw new ApiError(res.status, body);
    return body;
  }
  return {
    topics: (signal) => get('/api/v1/topics', signal),
    series: (params, signal) => get(seriesUrl(params), signal),
    extremes: (params, signal) => get(extremesUrl(params), signal),
    liveUrl: (topic) => base + liveUrl(topic),
  };
}
