import { html, useState } from '/vendor/htm-preact-standalone.mjs';
import { gql } from './api.js';
import { ErrorBox, fmtTime, useQuery } from './ui.js';

const HEALTH = `query Federation {
  hubInfo { id software protocolVersion organisation { name } }
  peers { id name url organisation { name } pull push internal schedule lastPullAt lastPushAt lastError
    failures retryAfter pulledCount pushedCount skippedCount failedCount pushLag }
  feeds { id name enabled schedule lastFetchAt lastError }
}`;
const SYNC = 'created updated deleted skipped failed error';

/** A peer's health in one word, from its status fields. */
const statusOf = (p) => (p.lastError ? (p.retryAfter && Date.parse(p.retryAfter) > Date.now() ? 'backing off' : 'failing') : p.lastPullAt || p.lastPushAt ? 'ok' : 'never synced');

export function FederationPage({ session }) {
  const q = useQuery(() => gql(session.key, HEALTH), []);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState(null);
  const [results, setResults] = useState({});
  const run = async (p, op) => {
    setBusy(true);
    setError(null);
    try {
      const d = await gql(session.key, `mutation Sync($id: ID!) { r: ${op}(id: $id) { ${SYNC} } }`, { id: p.id });
      setResults((x) => ({ ...x, [p.id]: `${op === 'pullFromPeer' ? 'pull' : 'push'}: created ${d.r.created}, updated ${d.r.updated}, deleted ${d.r.deleted}, skipped ${d.r.skipped}, failed ${d.r.failed}${d.r.error ? `, error: ${d.r.error}` : ''}` }));
      q.reload();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  if (q.error) return html`<section><h2>Federation</h2><${ErrorBox} error=${q.error} /></section>`;
  if (!q.data) return html`<p class="loading">Loading…</p>`;
  const { hubInfo, peers, feeds } = q.data;
  const scheduled = feeds.filter((f) => f.enabled);
  return html`<section class="federation">
    <div class="toolbar"><h2>Federation</h2><button type="button" onClick=${q.reload}>Refresh</button></div>
    <p>This hub: <code>${hubInfo.id}</code> · ${hubInfo.organisation.name} · ${hubInfo.software} (protocol ${hubInfo.protocolVersion})</p>
    <${ErrorBox} error=${error} />
    <h3>Peers (${peers.length})</h3>
    <table class="grid" id="peer-list">
      <thead><tr><th>Status</th><th>Name</th><th>Organisation</th><th>Direction</th><th>Schedule</th><th>Last pull</th><th>Last push</th><th>Counts</th><th>Error</th><th></th></tr></thead>
      <tbody>
        ${peers.map(
          (p) => html`<tr class="peer" data-id=${p.id} key=${p.id}>
            <td class=${`status status-${statusOf(p).replace(' ', '-')}`}>${statusOf(p)}</td>
            <td title=${p.url}>${p.name}${p.internal ? ' (internal)' : ''}</td><td>${p.organisation.name}</td>
            <td>${[p.pull && 'pull', p.push && 'push'].filter(Boolean).join(' + ') || 'off'}</td><td>${p.schedule ?? '—'}</td>
            <td>${fmtTime(p.lastPullAt)}</td><td>${fmtTime(p.lastPushAt)}</td>
            <td>pulled ${p.pulledCount}, pushed ${p.pushedCount}, skipped ${p.skippedCount}, failed ${p.failedCount}, push lag ${p.pushLag}</td>
            <td class="error">${p.lastError ?? ''}${p.failures ? ` (${p.failures} failures${p.retryAfter ? `, retry after ${fmtTime(p.retryAfter)}` : ''})` : ''}${results[p.id] ? html`<div class="result">${results[p.id]}</div>` : ''}</td>
            <td class="row-actions">
              ${p.pull && html`<button type="button" data-write="pull" disabled=${busy} onClick=${() => run(p, 'pullFromPeer')}>Pull now</button>`}
              ${p.push && html`<button type="button" data-write="push" disabled=${busy} onClick=${() => run(p, 'pushToPeer')}>Push now</button>`}
            </td>
          </tr>`,
        )}
      </tbody>
    </table>
    ${peers.length ? null : html`<p class="hint">No peers registered (createPeer in GraphiQL, or threatmesh peers … on the command line).</p>`}
    <h3>Feed schedules (enabled feeds)</h3>
    <table class="grid" id="feed-schedules">
      <thead><tr><th>Feed</th><th>Schedule</th><th>Last fetch</th><th>Error</th></tr></thead>
      <tbody>${scheduled.map((f) => html`<tr key=${f.id}><td>${f.name}</td><td>${f.schedule ?? 'global schedule (FEED_FETCH_CRON) or on demand'}</td><td>${fmtTime(f.lastFetchAt)}</td><td class="error">${f.lastError ?? ''}</td></tr>`)}</tbody>
    </table>
  </section>`;
}
