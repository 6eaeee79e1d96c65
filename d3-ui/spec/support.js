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
