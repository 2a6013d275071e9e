import { html, useEffect, useRef, useState } from '/vendor/htm-preact-standalone.mjs';
import { gql, wsClient } from './api.js';
import { ErrorBox, fmtTime, useQuery } from './ui.js';

const FEEDS = `query Feeds { feeds { id name provider url format enabled schedule lastFetchAt lastDurationMs
  lastNew lastUpdated lastDeleted lastSkipped lastInvalid lastError } }`;
const RESULT = 'new updated deleted skipped invalid notModified refused error durationMs';
const PROGRESS = `subscription Progress($feedId: ID!) { feedFetchProgress(feedId: $feedId) { feedId phase rows new invalid eventsDone eventsTotal done error } }`;

const resultText = (r) =>
  r.refused ? 'refused (a fetch is already running)' : r.error ? `error: ${r.error}` : r.notModified ? 'not modified' : `new ${r.new}, updated ${r.updated}, deleted ${r.deleted}, skipped ${r.skipped}, invalid ${r.invalid}`;

export function FeedsPage({ session }) {
  const q = useQuery(() => gql(session.key, FEEDS), []);
  const [error, setError] = useState(null);
  const [notice, setNotice] = useState('');
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState({});
  const [results, setResults] = useState({});
  const [nameFilter, setNameFilter] = useState('');
  const ws = useRef(null);
  const connected = useRef(null);

  useEffect(() => () => ws.current?.dispose(), []);

  /** Live progress of the given feeds while `run` goes on (reports come over graphql-ws). */
  const withProgress = async (feedIds, run) => {
    if (!ws.current) {
      // Progress is only reported to subscriptions open when it happens: wait for the socket before starting.
      connected.current = new Promise((resolve) => (ws.current = wsClient(session.key, (s) => s === 'live' && resolve(), { lazy: false })));
    }
    const stops = feedIds.map((feedId) =>
      ws.current.subscribe({ query: PROGRESS, variables: { feedId } }, {
        next: ({ data }) => data && setProgress((p) => ({ ...p, [feedId]: data.feedFetchProgress })),
        error: () => {},
        complete: () => {},
      }),
    );
    await Promise.race([connected.current, new Promise((r) => setTimeout(r, 3000))]);
    try {
      return await run();
    } finally {
      stops.forEach((stop) => stop());
    }
  };
  const act = async (fn) => {
    setBusy(true);
    setError(null);
    try {
      await fn();
      q.reload();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const loadDefaults = () =>
    act(async () => {
      const d = await gql(session.key, 'mutation LoadDefaults { loadDefaultFeeds }');
      setNotice(`Loaded ${d.loadDefaultFeeds} default feed${d.loadDefaultFeeds === 1 ? '' : 's'} (all disabled).`);
    });
  const toggle = (f) => act(() => gql(session.key, `mutation Toggle($id: ID!) { ${f.enabled ? 'disableFeed' : 'enableFeed'}(id: $id) { id enabled } }`, { id: f.id }));
  const fetchOne = (f) =>
    act(async () => {
      const d = await withProgress([f.id], () => gql(session.key, `mutation Fetch($id: ID!) { fetchFeed(id: $id) { ${RESULT} } }`, { id: f.id }));
      setResults((r) => ({ ...r, [f.id]: d.fetchFeed }));
    });
  const fetchAll = () =>
    act(async () => {
      const enabled = (q.data?.feeds ?? []).filter((f) => f.enabled).map((f) => f.id);
      const d = await withProgress(enabled, () => gql(session.key, `mutation FetchAll { fetchAllFeeds { feedId name result { ${RESULT} } } }`));
      setResults((r) => ({ ...r, ...Object.fromEntries(d.fetchAllFeeds.map((s) => [s.feedId, s.result])) }));
      setNotice(d.fetchAllFeeds.length ? `Fetched ${d.fetchAllFeeds.length} enabled feed${d.fetchAllFeeds.length === 1 ? '' : 's'}.` : 'No enabled feeds to fetch.');
    });

  const feeds = (q.data?.feeds ?? []).filter((f) => !nameFilter || `${f.name} ${f.provider}`.toLowerCase().includes(nameFilter.toLowerCase()));
  return html`<section class="feeds">
    <div class="toolbar">
      <h2>Feeds</h2>
      <button type="button" id="load-defaults" data-write="load-defaults" disabled=${busy} onClick=${loadDefaults}>Load default feed metadata</button>
      <button type="button" id="fetch-all" data-write="fetch-all" disabled=${busy} onClick=${fetchAll}>Fetch and store all feed data</button>
      <label>Filter <input id="feed-filter" value=${nameFilter} onInput=${(e) => setNameFilter(e.target.value)} placeholder="name or provider" /></label>
    </div>
    <${ErrorBox} error=${q.error || error} />
    ${notice && html`<p class="notice" id="feeds-notice">${notice}</p>`}
    <table class="grid" id="feed-list">
      <thead><tr><th>On</th><th>Name</th><th>Provider</th><th>Format</th><th>Schedule</th><th>Last fetch</th><th>Last result</th><th>Progress</th><th></th></tr></thead>
      <tbody>
        ${feeds.map((f) => {
          const p = progress[f.id];
          const r = results[f.id];
          return html`<tr class="feed" data-id=${f.id} data-name=${f.name} key=${f.id}>
            <td>${f.enabled ? 'yes' : 'no'}</td>
            <td title=${f.url}>${f.name}</td><td>${f.provider}</td><td>${f.format}</td><td>${f.schedule ?? '—'}</td>
            <td>${fmtTime(f.lastFetchAt)}${f.lastDurationMs != null ? ` (${(f.lastDurationMs / 1000).toFixed(1)} s)` : ''}</td>
            <td class="result">${r ? resultText(r) : f.lastFetchAt ? `new ${f.lastNew}, updated ${f.lastUpdated}, deleted ${f.lastDeleted}, skipped ${f.lastSkipped}, invalid ${f.lastInvalid}` : 'never fetched'}
              ${f.lastError && html`<div class="error">${f.lastError}</div>`}</td>
            <td class="progress">${p ? `${p.phase.toLowerCase()}: ${p.rows} rows, ${p.new} new, ${p.invalid} invalid${p.eventsTotal != null ? `, events ${p.eventsDone}/${p.eventsTotal}` : ''}` : ''}</td>
            <td class="row-actions">
              <button type="button" data-write="toggle" disabled=${busy} onClick=${() => toggle(f)}>${f.enabled ? 'Disable' : 'Enable'}</button>
              <button type="button" data-write="fetch" disabled=${busy} onClick=${() => fetchOne(f)}>Fetch</button>
            </td>
          </tr>`;
        })}
      </tbody>
    </table>
  </section>`;
}
