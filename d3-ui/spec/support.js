// Test support: a jsdom document per test and the JSON fixtures of the REST contract.
import { readFileSync } from 'node:fs';
import { JSDOM } from 'jsdom';

// The REST module's contract files: its Java tests pin the same files (STYLE.md, item 12).
const shared = new URL('../../rest/src/test/resources/api-fixtures/', import.meta.url);

/** A fixture of the REST contract, e.g. fixture('series.json'). */
export function fixture(name) {
  return JSON.parse(readFileSync(new URL(name, shared), 'utf8'));
}

/** The series fixture's first topic grown to n one-minute buckets, every third one missing (for gap tests). */
export function longSeries(n = 12, topic = 'apple') {
  const base = fixture('series.json').series[0].points.find((p) => p.scored > 0);
  const t0 = Date.parse(base.start);
  const points = [];
  for (let i = 0; i < n; i++) {
    if (i % 3 === 2) continue;
    const mean = Math.round(Math.sin(i / 2) * 1000) / 1000;
    points.push({ ...base, start: new Date(t0 + i * 60e3).toISOString(), count: base.count + i, meanCompound: mean });
  }
  return { topic, points };
}

/** A fresh DOM with a #root element; also installs window/document globals for code that reads them. */
export function dom(html = '<div id="root"></div>', url = 'http://localhost/') {
  const jsdom = new JSDOM(`<!doctype html><html><body>${html}</body></html>`, { url, pretendToBeVisual: true });
  const { window } = jsdom;
  globalThis.window = window;
  globalThis.document = window.document;
  globalThis.navigator ??= window.navigator;
  return { window, document: window.document, root: window.document.getElementById('root') };
}

/**
 * An in-memory stand-in for the REST client (src/api.js) in view unit tests: answers from the
 * contract fixtures (or the bodies given) and records every call. The browser IT uses the real service.
 */
export function fakeApi({ series, extremes, topics, fail = null } = {}) {
  const calls = [];
  const answer = (kind, params, body) => {
    calls.push({ kind, ...params });
    if (fail && fail(kind, params)) return Promise.reject(Object.assign(new Error('HTTP 503'), { status: 503 }));
    return Promise.resolve(typeof body === 'function' ? body(params) : body);
  };
  return {
    calls,
    topics: () => answer('topics', {}, topics ?? fixture('topics.json')),
    series: (p) => answer('series', p, series ?? ((q) => ({ ...fixture('series.json'), series: q.topics.map((t) => longSeries(12, t)) }))),
    extremes: (p) => answer('extremes', p, extremes ?? fixture('extremes.json')),
    liveUrl: (topic) => `/api/v1/live?topic=${encodeURIComponent(topic)}`,
  };
}

/** Lets pending promise callbacks run. */
export const settle = () => new Promise((r) => setTimeout(r, 0));

/** Manual interval timers for views: tick() runs every registered callback once. */
export function manualTimers() {
  const fns = new Map();
  let n = 0;
  return {
    setInterval: (fn) => (fns.set(++n, fn), n),
    clearInterval: (id) => fns.delete(id),
    tick: () => [...fns.values()].forEach((f) => f()),
    active: () => fns.size,
  };
}

/** A stand-in for the browser's EventSource (a browser API); FakeEventSource.instances lists them. */
export class FakeEventSource {
  static instances = [];
  constructor(url) {
    this.url = url;
    this.readyState = 0;
    this.listeners = {};
    this.closed = false;
    FakeEventSource.instances.push(this);
  }
  addEventListener(type, fn) {
    (this.listeners[type] ??= []).push(fn);
  }
  emit(type, event = {}) {
    for (const fn of this.listeners[type] ?? []) fn(event);
  }
  close() {
    this.closed = true;
    this.readyState = 2;
  }
}
