import { html, useState } from '/vendor/htm-preact-standalone.mjs';
import { gql } from './api.js';
import { ErrorBox, fmtTime, Tags, useQuery } from './ui.js';

const ATTRIBUTES_SHOWN = 100;
const OBJECTS_SHOWN = 50;
const ATTRIBUTE_FIELDS = `id type category value toIds comment distribution timestamp tags { name local }
  sightings { sightingCount falsePositiveCount lastSeen }
  correlations { id event { id info } }`;

/**
 * MISP objects are shown only when this hub's schema has Event.objects (read by introspection, so the
 * page works on hubs with and without them); the selection is built from the fields the type has.
 */
async function objectSelection(key) {
  const d = await gql(key, `query EventShape { __type(name: "Event") { fields { name args { name } type { name kind ofType { name kind ofType { name kind ofType { name } } } } } } }`);
  const field = d.__type?.fields.find((f) => f.name === 'objects');
  if (!field) return null;
  let t = field.type;
  while (t.ofType) t = t.ofType;
  const o = await gql(key, `query ObjectShape($name: String!) { __type(name: $name) { fields { name args { name defaultValue type { kind } } } } }`, { name: t.name });
  const names = new Set((o.__type?.fields ?? []).filter((f) => f.args.every((a) => a.type.kind !== 'NON_NULL' || a.defaultValue !== null)).map((f) => f.name));
  const scalars = ['id', 'name', 'metaCategory', 'comment', 'distribution'].filter((n) => names.has(n));
  const attrs = names.has('attributes') ? ' attributes { id type value objectRelation }' : '';
  // Bounded like the attributes: the page shows a first page of objects.
  const page = field.args.some((a) => a.name === 'first') ? `(first: ${OBJECTS_SHOWN})` : '';
  return `objects${page} { ${scalars.join(' ')}${attrs} }`;
}

async function loadEvent(key, id) {
  const objects = await objectSelection(key);
  const d = await gql(
    key,
    `query EventPage($id: ID!, $first: Int) { event(id: $id) {
      id info date threatLevel analysis distribution published publishedAt locked timestamp
      creatorOrg { id name } ownerOrg { id name } sharingGroup { id name } tags { name local }
      attributeCount
      attributes(first: $first) { ${ATTRIBUTE_FIELDS} }
      relatedEvents { id info }
      ${objects ?? ''}
    } }`,
    { id, first: ATTRIBUTES_SHOWN },
  );
  return { event: d.event, hasObjects: objects !== null };
}

export function EventPage({ session, id }) {
  const q = useQuery(() => loadEvent(session.key, id), [id]);
  const [actionError, setActionError] = useState(null);
  const [busy, setBusy] = useState(false);
  const act = async (query, variables) => {
    setBusy(true);
    setActionError(null);
    try {
      await gql(session.key, query, variables);
      q.reload();
    } catch (e) {
      setActionError(e);
    } finally {
      setBusy(false);
    }
  };
  if (q.error) return html`<section><h2>Event</h2><${ErrorBox} error=${q.error} /></section>`;
  if (!q.data) return html`<p class="loading">Loading…</p>`;
  const { event: e, hasObjects } = q.data;
  const me = session.me;
  // The same facts the write rules read: publishing role, and the creator org (site admin: any); copies from peers are locked.
  const mayPublish = session.can('event:publish') && !e.locked && (session.can('site:admin') || e.creatorOrg.id === me.organisation.id);
  const maySight = session.can('sighting:add');
  const sight = (attributeId, type) => act(`mutation Sight($input: AddSightingInput!) { addSighting(input: $input) { id } }`, { input: { attributeId, type, source: 'console' } });

  return html`<section class="event" data-id=${e.id}>
    <h2 id="event-info">${e.info}</h2>
    <div class="actions">
      ${mayPublish &&
      (e.published
        ? html`<button type="button" data-write="unpublish" disabled=${busy} onClick=${() => act('mutation Unpublish($id: ID!) { unpublishEvent(id: $id) { id } }', { id: e.id })}>Unpublish</button>`
        : html`<button type="button" data-write="publish" disabled=${busy} onClick=${() => act('mutation Publish($id: ID!) { publishEvent(id: $id) { id } }', { id: e.id })}>Publish</button>`)}
    </div>
    <${ErrorBox} error=${actionError} />
    <dl class="facts">
      <dt>Date</dt><dd>${e.date}</dd>
      <dt>Threat level</dt><dd>${e.threatLevel}</dd>
      <dt>Analysis</dt><dd>${e.analysis}</dd>
      <dt>Distribution</dt><dd>${e.distribution}${e.sharingGroup ? ` (${e.sharingGroup.name})` : ''}</dd>
      <dt>Published</dt><dd id="published">${e.published ? `yes, ${fmtTime(e.publishedAt)}` : 'no'}</dd>
      <dt>Creator</dt><dd>${e.creatorOrg.name}</dd>
      <dt>Owner</dt><dd>${e.ownerOrg.name}${e.locked ? ' (copy from a peer, locked)' : ''}</dd>
      <dt>Changed</dt><dd>${fmtTime(e.timestamp)}</dd>
      <dt>Tags</dt><dd><${Tags} tags=${e.tags} /></dd>
    </dl>
    <h3>Attributes (${e.attributeCount}${e.attributeCount > ATTRIBUTES_SHOWN ? `, first ${ATTRIBUTES_SHOWN} shown` : ''})</h3>
    <table class="grid" id="event-attributes">
      <thead><tr><th>Type</th><th>Category</th><th>Value</th><th>IDS</th><th>Tags</th><th>Sightings</th><th>Correlations</th>${maySight && html`<th>Report</th>`}</tr></thead>
      <tbody>
        ${e.attributes.map(
          (a) => html`<tr class="attribute" data-id=${a.id} key=${a.id}>
            <td>${a.type}</td><td>${a.category}</td><td class="value" title=${a.comment ?? ''}>${a.value}</td><td>${a.toIds ? 'yes' : 'no'}</td>
            <td><${Tags} tags=${a.tags} /></td>
            <td class="sightings">${a.sightings.sightingCount} seen${a.sightings.falsePositiveCount ? `, ${a.sightings.falsePositiveCount} false positive` : ''}${a.sightings.lastSeen ? ` (last ${fmtTime(a.sightings.lastSeen)})` : ''}</td>
            <td>${a.correlations.map((c) => html`<a href=${`#/events/${c.event.id}`} class="correlation">${c.event.info}</a> `)}</td>
            ${maySight &&
            html`<td><button type="button" data-write="sighting" disabled=${busy} onClick=${() => sight(a.id, 'SIGHTING')}>Seen</button>
              <button type="button" data-write="false-positive" disabled=${busy} onClick=${() => sight(a.id, 'FALSE_POSITIVE')}>False positive</button></td>`}
          </tr>`,
        )}
      </tbody>
    </table>
    ${hasObjects &&
    html`<h3>Objects (${e.objects.length})</h3>
      <ul class="objects" id="event-objects">
        ${e.objects.map(
          (o) => html`<li><b>${o.name ?? o.id}</b> ${o.metaCategory ?? ''}
            ${o.attributes && html`<ul>${o.attributes.map((a) => html`<li>${a.objectRelation ?? a.type}: <span class="value">${a.value}</span></li>`)}</ul>`}</li>`,
        )}
      </ul>`}
    <h3>Related events</h3>
    <ul id="related">${e.relatedEvents.length ? e.relatedEvents.map((r) => html`<li><a href=${`#/events/${r.id}`}>${r.info}</a></li>`) : html`<li class="hint">none</li>`}</ul>
  </section>`;
}
