import { html, useEffect, useMemo, useRef, useState } from '/vendor/htm-preact-standalone.mjs';
import { gql, wsClient } from './api.js';
import { ErrorBox, fmtTime, Tags } from './ui.js';

const FIELDS = 'id type category value toIds timestamp tags { name } event { id info creatorOrg { id name } tags { name } }';
const LIVE = `subscription LiveIocs($since: String) { attributeAdded(since: $since) { ${FIELDS} changeCursor } }`;
const LAST_HOUR = `query LastHour { attributes(filter: { timestamp: { from: "1h" } }, first: 500) { totalCount edges { node { ${FIELDS} } } } }`;
const MAX_ROWS = 500;
const TLPS = ['tlp:clear', 'tlp:white', 'tlp:green', 'tlp:amber', 'tlp:amber+strict', 'tlp:red'];

const allTags = (a) => [...a.tags, ...a.event.tags].map((t) => t.name.toLowerCase());
const minuteOf = (iso) => Math.floor(Date.parse(iso) / 60_000);

/** Per-minute counts over the last hour and the most frequent types, tags and organisations. */
function emptyStats() {
  return { perMinute: new Map(), types: new Map(), tags: new Map(), orgs: new Map(), total: 0 };
}
function count(stats, a) {
  const bump = (m, k) => m.set(k, (m.get(k) ?? 0) + 1);
  const minute = minuteOf(a.timestamp);
  if (minute < Math.floor(Date.now() / 60_000) - 59) return;
  bump(stats.perMinute, minute);
  bump(stats.types, a.type);
  for (const t of new Set(allTags(a))) bump(stats.tags, t);
  bump(stats.orgs, a.event.creatorOrg.name);
  stats.total++;
}
const top = (m, n = 5) => [...m.entries()].sort((x, y) => y[1] - x[1]).slice(0, n);

function matches(a, f) {
  if (f.type && a.type !== f.type) return false;
  if (f.org && a.event.creatorOrg.name !== f.org) return false;
  if (f.toIds && String(a.toIds) !== f.toIds) return false;
  const tags = allTags(a);
  if (f.tlp && !tags.includes(f.tlp)) return false;
  if (f.tag && !tags.some((t) => t.includes(f.tag.toLowerCase()))) return false;
  return true;
}

function Chart({ stats, version }) {
  const ref = useRef(null);
  const plot = useRef(null);
  const data = () => {
    const now = Math.floor(Date.now() / 60_000);
    const xs = [];
    const ys = [];
    for (let m = now - 59; m <= now; m++) {
      xs.push(m * 60);
      ys.push(stats.perMinute.get(m) ?? 0);
    }
    return [xs, ys];
  };
  useEffect(() => {
    plot.current = new uPlot(
      {
        width: Math.max(300, ref.current.clientWidth),
        height: 180,
        legend: { show: false },
        scales: { x: { time: true } },
        axes: [{}, { label: 'IOCs / min' }],
        series: [{}, { label: 'IOCs', stroke: '#1f6feb', fill: 'rgba(31,111,235,0.3)', paths: uPlot.paths.bars({ size: [0.8, 20] }) }],
      },
      data(),
      ref.current,
    );
    return () => plot.current.destroy();
  }, []);
  useEffect(() => {
    plot.current?.setData(data());
  }, [version]);
  return html`<div class="chart" ref=${ref} id="ioc-chart"></div>`;
}

function TopList({ title, entries, id }) {
  return html`<div class="top-list" id=${id}><h3>${title}</h3><ol>${entries.map(([k, n]) => html`<li><span>${k}</span> <b>${n}</b></li>`)}</ol></div>`;
}

export function LivePage({ session }) {
  const [rows, setRows] = useState([]);
  const [pending, setPending] = useState([]);
  const [paused, setPaused] = useState(false);
  const [status, setStatus] = useState('connecting');
  const [error, setError] = useState(null);
  const [filter, setFilter] = useState({ type: '', tag: '', tlp: '', org: '', toIds: '' });
  const [version, setVersion] = useState(0);
  const stats = useRef(emptyStats());
  const cursor = useRef(null);
  const pausedRef = useRef(false);
  pausedRef.current = paused;

  // The last hour as far as one page of the search reaches, for the chart and the top lists.
  useEffect(() => {
    gql(session.key, LAST_HOUR).then(
      (d) => {
        for (const e of d.attributes.edges) count(stats.current, e.node);
        setVersion((v) => v + 1);
      },
      setError,
    );
  }, [session.key]);

  // The tail: resubscribes after any drop with the last cursor received, so nothing is missed or repeated.
  useEffect(() => {
    let stopped = false;
    let client = null;
    let timer = null;
    let attempt = 0;
    const onItem = (a) => {
      count(stats.current, a);
      setVersion((v) => v + 1);
      if (pausedRef.current) setPending((p) => [a, ...p].slice(0, MAX_ROWS));
      else setRows((r) => [a, ...r].slice(0, MAX_ROWS));
    };
    const retry = (e) => {
      if (stopped) return;
      const lag = Array.isArray(e) ? e.find((x) => x.extensions?.cursor) : null;
      if (lag) cursor.current = lag.extensions.cursor;
      client?.dispose();
      setStatus('down');
      timer = setTimeout(start, Math.min(30_000, 500 * 2 ** attempt++));
    };
    const start = () => {
      client = wsClient(session.key, (s) => {
        if (stopped) return;
        if (s === 'live') attempt = 0;
        setStatus(s);
      });
      client.subscribe(
        { query: LIVE, variables: { since: cursor.current } },
        {
          next: ({ data }) => {
            if (!data?.attributeAdded) return;
            cursor.current = data.attributeAdded.changeCursor;
            onItem(data.attributeAdded);
          },
          error: retry,
          complete: () => retry(),
        },
      );
    };
    start();
    return () => {
      stopped = true;
      clearTimeout(timer);
      client?.dispose();
    };
  }, [session.key]);

  const resume = () => {
    setRows((r) => [...pending, ...r].slice(0, MAX_ROWS));
    setPending([]);
    setPaused(false);
  };
  const shown = useMemo(() => rows.filter((a) => matches(a, filter)), [rows, filter]);
  const types = [...new Set([...stats.current.types.keys()])].sort();
  const orgs = [...new Set([...stats.current.orgs.keys()])].sort();
  const set = (k) => (e) => setFilter({ ...filter, [k]: e.target.value });
  const s = stats.current;

  return html`<section class="live">
    <div class="toolbar">
      <h2>Live IOCs</h2>
      <span class=${`conn conn-${status}`} id="conn" data-status=${status}>${{ live: '● live', connecting: '◌ connecting', down: '○ reconnecting' }[status]}</span>
      ${paused
        ? html`<button type="button" id="resume" onClick=${resume}>Resume (${pending.length} new)</button>`
        : html`<button type="button" id="pause" onClick=${() => setPaused(true)}>Pause</button>`}
    </div>
    <${ErrorBox} error=${error} />
    <div class="stats">
      <div class="chart-box"><h3>IOCs per minute, last hour (${s.total})</h3><${Chart} stats=${s} version=${version} /></div>
      <${TopList} id="top-types" title="Top types" entries=${top(s.types)} />
      <${TopList} id="top-tags" title="Top tags" entries=${top(s.tags)} />
      <${TopList} id="top-orgs" title="Top organisations" entries=${top(s.orgs)} />
    </div>
    <form class="filters" onSubmit=${(e) => e.preventDefault()}>
      <label>Type <select id="f-type" value=${filter.type} onChange=${set('type')}><option value="">any</option>${types.map((t) => html`<option value=${t}>${t}</option>`)}</select></label>
      <label>Tag <input id="f-tag" value=${filter.tag} onInput=${set('tag')} placeholder="contains" /></label>
      <label>TLP <select id="f-tlp" value=${filter.tlp} onChange=${set('tlp')}><option value="">any</option>${TLPS.map((t) => html`<option value=${t}>${t}</option>`)}</select></label>
      <label>Organisation <select id="f-org" value=${filter.org} onChange=${set('org')}><option value="">any</option>${orgs.map((o) => html`<option value=${o}>${o}</option>`)}</select></label>
      <label>To IDS <select id="f-ids" value=${filter.toIds} onChange=${set('toIds')}><option value="">any</option><option value="true">yes</option><option value="false">no</option></select></label>
    </form>
    <table class="grid" id="tail">
      <thead><tr><th>Time</th><th>Type</th><th>Value</th><th>IDS</th><th>Tags</th><th>Organisation</th><th>Event</th></tr></thead>
      <tbody>
        ${shown.map(
          (a) => html`<tr class="ioc" data-id=${a.id} key=${a.id}>
            <td>${fmtTime(a.timestamp)}</td><td>${a.type}</td><td class="value">${a.value}</td><td>${a.toIds ? 'yes' : 'no'}</td>
            <td><${Tags} tags=${[...a.tags, ...a.event.tags]} /></td><td>${a.event.creatorOrg.name}</td>
            <td><a href=${`#/events/${a.event.id}`}>${a.event.info}</a></td>
          </tr>`,
        )}
      </tbody>
    </table>
    ${shown.length ? null : html`<p class="hint" id="tail-empty">Waiting for new attributes${rows.length ? ' matching the filters' : ''}…</p>`}
  </section>`;
}
