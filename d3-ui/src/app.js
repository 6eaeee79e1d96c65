// The shell: topic picker, view navigation, and the URL as the single source of state.
import { select } from 'd3';
import { createApi } from './api.js';
import { formatState, MAX_TOPICS, parseState, toggleTopic } from './state.js';
import { historicalView } from './views/historical.js';
import { liveView } from './views/live.js';
import { replayView } from './views/replay.js';

const VIEWS = { live: liveView, historical: historicalView, replay: replayView };

/** Starts the dashboard in window (its document must hold index.html's header and #view). */
export function start(window, { api = createApi({ fetch: window.fetch.bind(window) }), now = () => Date.now() } = {}) {
  const doc = window.document;
  const host = doc.getElementById('view');
  const topicBox = select(doc).select('fieldset.topics');
  let state = parseState(window.location.search);
  let mounted = null; // {name, topics, view}
  let known = [];

  function navigate(patch, { replace = false } = {}) {
    state = { ...state, ...patch };
    const url = formatState(state);
    if (replace) window.history.replaceState(null, '', url);
    else window.history.pushState(null, '', url);
    render();
  }

  function render() {
    select(doc)
      .selectAll('nav a[data-view]')
      .attr('aria-current', function () {
        return this.dataset.view === state.view ? 'page' : null;
      })
      .attr('href', function () {
        return formatState({ ...state, view: this.dataset.view, brush: null, at: null, from: null, to: null });
      });
    drawTopics();
    if (!state.topics.length) return;
    const key = `${state.view}|${state.topics.join(',')}`;
    if (mounted && mounted.key === key) {
      mounted.view.update(state);
      return;
    }
    mounted?.view.destroy();
    select(host).selectAll('*').remove();
    const view = VIEWS[state.view](host, { api, state, navigate, now, EventSourceImpl: window.EventSource, timers: window, topics: known });
    mounted = { key, view };
    doc.title = `Moodstream – ${state.view} – ${state.topics.join(', ')}`;
  }

  function drawTopics() {
    topicBox.selectAll('span.state').remove();
    const labels = topicBox
      .selectAll('label')
      .data(known, (t) => t.topic)
      .join((enter) => {
        const l = enter.append('label');
        l.append('input').attr('type', 'checkbox').attr('name', 'topic');
        l.append('span');
        return l;
      });
    labels.select('span').text((t) => t.topic);
    labels
      .select('input')
      .attr('value', (t) => t.topic)
      .property('checked', (t) => state.topics.includes(t.topic))
      .property('disabled', (t) => !state.topics.includes(t.topic) && state.topics.length >= MAX_TOPICS)
      .attr('title', (t) => `${t.topic}: data from ${t.first} to ${t.last}`)
      .on('change', function (event, t) {
        const topics = toggleTopic(state.topics, t.topic);
        this.checked = topics.includes(t.topic);
        if (topics !== state.topics) navigate({ topics, brush: null });
      });
  }

  select(doc)
    .selectAll('nav a[data-view]')
    .on('click', function (event) {
      event.preventDefault();
      navigate({ view: this.dataset.view, brush: null, at: null, from: null, to: null });
    });
  window.addEventListener('popstate', () => {
    state = parseState(window.location.search);
    render();
  });

  api
    .topics()
    .then((body) => {
      known = body.topics ?? [];
      if (!known.length) {
        topicBox.select('span.state').attr('class', 'state empty').text('No topics yet: nothing has been stored.');
        select(host).append('p').attr('class', 'state empty').text('No data yet. Start the pipeline and posts will appear here.');
        return;
      }
      const names = known.map((t) => t.topic);
      const topics = state.topics.filter((t) => names.includes(t));
      state = { ...state, topics: topics.length ? topics : [names.find((t) => t !== 'all') ?? names[0]] };
      window.history.replaceState(null, '', formatState(state));
      render();
    })
    .catch((e) => {
      topicBox.select('span.state').attr('class', 'state error').text('Topics unavailable.');
      select(host).append('p').attr('class', 'state error').attr('role', 'alert').text(`The dashboard cannot load: ${e.message}`);
    });
  return {
    state: () => state,
    navigate,
    /** Unmounts the current view (closes its live connections and timers). */
    destroy() {
      mounted?.view.destroy();
      mounted = null;
    },
  };
}
