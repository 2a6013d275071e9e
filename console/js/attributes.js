import { html, useState } from '/vendor/htm-preact-standalone.mjs';
import { gql } from './api.js';
import { ErrorBox, fmtTime, Tags, useQuery } from './ui.js';

const SEARCH = `query SearchAttributes($filter: AttributeFilter, $first: Int, $after: String) {
  attributes(filter: $filter, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { id type category value toIds timestamp tags { name } event { id info creatorOrg { name } } } }
  }
}`;
const PAGE = 50;
const list = (s) => s.split(',').map((x) => x.trim()).filter(Boolean);

/** The search form as an AttributeFilter (empty fields left out). */
function toFilter(f) {
  const filter = {};
  if (f.value.trim()) filter.value = f.value.trim();
  if (list(f.type).length) filter.type = list(f.type);
  if (list(f.tags).length) filter.tags = list(f.tags);
  if (list(f.cidr).length) filter.cidr = list(f.cidr);
  if (f.from.trim() || f.to.trim()) filter.timestamp = { ...(f.from.trim() && { from: f.from.trim() }), ...(f.to.trim() && { to: f.to.trim() }) };
  if (f.toIds) filter.toIds = f.toIds === 'true';
  return filter;
}

export function AttributesPage({ session }) {
  const empty = { value: '', type: '', tags: '', cidr: '', from: '', to: '', toIds: '' };
  const [form, setForm] = useState(empty);
  const [filter, setFilter] = useState({});
  const [cursors, setCursors] = useState([null]);
  const after = cursors[cursors.length - 1];
  const q = useQuery(() => gql(session.key, SEARCH, { filter, first: PAGE, after }), [JSON.stringify(filter), after]);
  const set = (k) => (e) => setForm({ ...form, [k]: e.target.value });
  const search = (e) => {
    e.preventDefault();
    setFilter(toFilter(form));
    setCursors([null]);
  };
  const conn = q.data?.attributes;
  return html`<section class="attributes">
    <h2>Attributes</h2>
    <form class="filters search" id="search" onSubmit=${search}>
      <label>Value <input name="value" value=${form.value} onInput=${set('value')} placeholder="exact, or % wildcards" /></label>
      <label>Types <input name="type" value=${form.type} onInput=${set('type')} placeholder="ip-dst, domain" /></label>
      <label>Tags <input name="tags" value=${form.tags} onInput=${set('tags')} placeholder="tlp:green, !tlp:red" /></label>
      <label>CIDR <input name="cidr" value=${form.cidr} onInput=${set('cidr')} placeholder="203.0.113.0/24" /></label>
      <label>Changed from <input name="from" value=${form.from} onInput=${set('from')} placeholder="7d or 2026-01-01" /></label>
      <label>to <input name="to" value=${form.to} onInput=${set('to')} placeholder="1d or 2026-02-01" /></label>
      <label>To IDS <select name="toIds" value=${form.toIds} onChange=${set('toIds')}><option value="">any</option><option value="true">yes</option><option value="false">no</option></select></label>
      <button type="submit">Search</button>
    </form>
    <${ErrorBox} error=${q.error} />
    ${conn &&
    html`<p class="count" id="total">${conn.totalCount} attribute${conn.totalCount === 1 ? '' : 's'}${q.loading ? ' …' : ''}</p>
      <table class="grid" id="attribute-list">
        <thead><tr><th>Changed</th><th>Type</th><th>Category</th><th>Value</th><th>IDS</th><th>Tags</th><th>Organisation</th><th>Event</th></tr></thead>
        <tbody>
          ${conn.edges.map(
            ({ node: a }) => html`<tr class="attribute" data-id=${a.id} key=${a.id}>
              <td>${fmtTime(a.timestamp)}</td><td>${a.type}</td><td>${a.category}</td><td class="value">${a.value}</td><td>${a.toIds ? 'yes' : 'no'}</td>
              <td><${Tags} tags=${a.tags} /></td><td>${a.event.creatorOrg.name}</td><td><a href=${`#/events/${a.event.id}`}>${a.event.info}</a></td>
            </tr>`,
          )}
        </tbody>
      </table>
      <div class="pager">
        <button type="button" id="prev" disabled=${cursors.length < 2} onClick=${() => setCursors(cursors.slice(0, -1))}>‹ Previous</button>
        <span>page ${cursors.length}</span>
        <button type="button" id="next" disabled=${!conn.pageInfo.hasNextPage} onClick=${() => setCursors([...cursors, conn.pageInfo.endCursor])}>Next ›</button>
      </div>`}
  </section>`;
}
