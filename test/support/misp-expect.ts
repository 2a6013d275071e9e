import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { EntityManager } from '@mikro-orm/core';
import { Attribute } from '../../src/modules/attribute/attribute.entity';
import { AttributePayload } from '../../src/modules/attribute/attribute-payload.entity';
import { Event } from '../../src/modules/event/event.entity';
import { EventReport } from '../../src/modules/event-report/event-report.entity';
import { GalaxyCluster } from '../../src/modules/galaxy/galaxy-cluster.entity';
import { MispObject } from '../../src/modules/object/object.entity';
import { ObjectReference } from '../../src/modules/object/object-reference.entity';
import { Proposal } from '../../src/modules/proposal/proposal.entity';
import { Sighting } from '../../src/modules/sighting/sighting.entity';
import { AttributeTag, EventTag } from '../../src/modules/tag/tag.entity';

/**
 * Test support: what the database holds for one imported MISP JSON event, checked field by field against
 * the raw file (read here with plain JSON, not with the hub's parser). Returns the counts it checked.
 */
type J = Record<string, any>;
const secs = (d: Date) => Math.trunc(d.getTime() / 1000);
const bool = (v: unknown) => v === true || v === 1 || v === '1' || v === 'true';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const list = (v: unknown): J[] => (Array.isArray(v) ? v : []);

export interface StoredCounts {
  objects: number;
  references: number;
  clusters: number;
  attachments: number;
  sightingAttributes: number;
  sightings: number;
  proposals: number;
  reports: number;
}

export function eventOf(doc: J): J {
  return doc.Event ?? doc;
}

export async function checkStoredEvent(em: EntityManager, doc: J): Promise<StoredCounts> {
  const ev = eventOf(doc);
  const uuid = String(ev.uuid).toLowerCase();
  const event = await em.findOneOrFail(Event, { uuid }, { filters: false });
  assert.equal(event.info, ev.info, `${uuid}: info`);
  const counts: StoredCounts = { objects: 0, references: 0, clusters: 0, attachments: 0, sightingAttributes: 0, sightings: 0, proposals: 0, reports: 0 };
  const attrs = await em.find(Attribute, { event: event.id }, { filters: false, populate: ['object'] });
  const attrByUuid = new Map(attrs.map((a) => [a.uuid, a]));
  const objects = await em.find(MispObject, { event: event.id }, { filters: false });
  const objByUuid = new Map(objects.map((o) => [o.uuid, o]));
  const inEvent = new Set([...attrByUuid.keys(), ...objByUuid.keys()]);

  for (const o of list(ev.Object)) {
    if (!UUID.test(String(o.uuid))) continue; // refused as MISP refuses it (the caller asserts the report)
    const stored = objByUuid.get(String(o.uuid).toLowerCase());
    assert.ok(stored, `${uuid}: object ${o.uuid} (${o.name}) stored`);
    counts.objects++;
    assert.equal(stored.name, o.name, `object ${o.uuid}: name`);
    assert.equal(stored.metaCategory, o['meta-category'] ?? '', `object ${o.uuid}: meta-category`);
    assert.equal(stored.description ?? undefined, o.description || undefined, `object ${o.uuid}: description`);
    assert.equal(stored.templateUuid ?? undefined, o.template_uuid?.toLowerCase() || undefined, `object ${o.uuid}: template_uuid`);
    assert.equal(stored.templateVersion ?? undefined, o.template_version != null ? String(o.template_version) : undefined, `object ${o.uuid}: template_version`);
    assert.equal(stored.comment ?? '', o.comment ?? '', `object ${o.uuid}: comment`);
    const d = Number(o.distribution ?? 5);
    assert.equal(stored.distribution, d === 4 ? 5 : d, `object ${o.uuid}: distribution`);
    if (o.timestamp != null) assert.equal(secs(stored.timestamp), Number(o.timestamp), `object ${o.uuid}: timestamp`);
    assert.equal(stored.deleted, bool(o.deleted), `object ${o.uuid}: deleted`);
    for (const a of list(o.Attribute)) {
      const sa = attrByUuid.get(String(a.uuid).toLowerCase());
      if (!sa) continue; // a value our check refuses is reported by the import (asserted by the caller)
      assert.equal(sa.object?.uuid, stored.uuid, `attribute ${a.uuid}: its object`);
      assert.equal(sa.objectRelation ?? undefined, a.object_relation ?? undefined, `attribute ${a.uuid}: object_relation`);
    }
    const refs = await em.find(ObjectReference, { object: stored.id }, { filters: false });
    const refByUuid = new Map(refs.map((r) => [r.uuid, r]));
    for (const r of list(o.ObjectReference)) {
      if (!inEvent.has(String(r.referenced_uuid).toLowerCase())) continue; // left out and reported (asserted by the caller)
      const sr = refByUuid.get(String(r.uuid).toLowerCase());
      assert.ok(sr, `object ${o.uuid}: reference ${r.uuid} stored`);
      counts.references++;
      assert.equal(sr.targetUuid, String(r.referenced_uuid).toLowerCase(), `reference ${r.uuid}: target`);
      assert.equal(sr.relationshipType, r.relationship_type, `reference ${r.uuid}: relationship`);
      assert.equal(sr.comment ?? '', r.comment ?? '', `reference ${r.uuid}: comment`);
      if (r.timestamp != null) assert.equal(secs(sr.timestamp), Number(r.timestamp), `reference ${r.uuid}: timestamp`);
      assert.equal(sr.deleted, bool(r.deleted), `reference ${r.uuid}: deleted`);
    }
  }
  assert.equal(objects.length, counts.objects, `${uuid}: no other objects`);

  const eventTags = new Set((await em.find(EventTag, { event: event.id }, { populate: ['tag'], filters: false })).map((l) => l.tag.name));
  const allAttrs = [...list(ev.Attribute), ...list(ev.Object).flatMap((o) => list(o.Attribute))];
  const clusterChecks: Array<{ c: J; tags: Set<string> }> = list(ev.Galaxy).flatMap((g) => list(g.GalaxyCluster).map((c) => ({ c, tags: eventTags })));
  for (const a of allAttrs) {
    const sa = attrByUuid.get(String(a.uuid).toLowerCase());
    if (!sa) continue;
    const aTags = new Set((await em.find(AttributeTag, { attribute: sa.id }, { populate: ['tag'], filters: false })).map((l) => l.tag.name));
    for (const g of list(a.Galaxy)) for (const c of list(g.GalaxyCluster)) clusterChecks.push({ c, tags: aTags });
    if (a.data) {
      const payload = await em.findOne(AttributePayload, { attribute: sa.id }, { populate: ['data'], filters: false });
      assert.ok(payload, `attribute ${a.uuid}: its file stored`);
      const bytes = Buffer.from(String(a.data), 'base64');
      assert.equal(payload.size, bytes.length, `attribute ${a.uuid}: file size`);
      assert.equal(payload.sha256, createHash('sha256').update(bytes).digest('hex'), `attribute ${a.uuid}: file sha256`);
      assert.ok(Buffer.from(payload.data).equals(bytes), `attribute ${a.uuid}: file bytes`);
      counts.attachments++;
    }
    const sightings = list(a.Sighting);
    if (sightings.length) counts.sightingAttributes++;
    for (const s of sightings) {
      const ss = await em.findOne(Sighting, { uuid: String(s.uuid).toLowerCase() }, { populate: ['org', 'attribute'], filters: false });
      assert.ok(ss, `sighting ${s.uuid} stored`);
      assert.equal(ss.attribute.uuid, sa.uuid, `sighting ${s.uuid}: attribute`);
      assert.equal(ss.org.uuid, String((s.Organisation ?? s.Org).uuid).toLowerCase(), `sighting ${s.uuid}: org`);
      assert.equal(ss.type, ['SIGHTING', 'FALSE_POSITIVE', 'EXPIRATION'][Number(s.type ?? 0)], `sighting ${s.uuid}: type`);
      assert.equal(secs(ss.at), Number(s.date_sighting), `sighting ${s.uuid}: date`);
      assert.equal(ss.source ?? '', s.source ?? '', `sighting ${s.uuid}: source`);
      counts.sightings++;
    }
    for (const p of list(a.ShadowAttribute)) {
      const stored: Proposal[] = await em.find(Proposal, { event: event.id, attributeUuid: sa.uuid, value: p.value }, { populate: ['org'], filters: false });
      assert.equal(stored.length, 1, `proposal on ${a.uuid} (${p.value}) stored once`);
      assert.equal(stored[0].type, p.type);
      assert.equal(stored[0].category, p.category);
      assert.equal(stored[0].org.uuid, String(p.Org.uuid).toLowerCase());
      assert.equal(stored[0].proposalToDelete, bool(p.proposal_to_delete));
      assert.equal(secs(stored[0].timestamp), Number(p.timestamp));
      counts.proposals++;
    }
  }
  for (const { c, tags } of clusterChecks) {
    assert.ok(tags.has(c.tag_name), `cluster ${c.tag_name}: its tag is on the event / attribute`);
    const stored: GalaxyCluster[] = await em.find(GalaxyCluster, { tagName: c.tag_name }, { filters: false });
    assert.equal(stored.length, 1, `cluster ${c.tag_name} stored once`);
    const data = JSON.parse(stored[0].data);
    assert.equal(data.value, c.value);
    assert.deepEqual(data.meta ?? null, c.meta ?? null, `cluster ${c.tag_name}: meta`);
    assert.equal(stored[0].version != null ? String(stored[0].version) : undefined, c.version != null ? String(c.version) : undefined, `cluster ${c.tag_name}: version`);
    counts.clusters++;
  }
  for (const r of list(ev.EventReport)) {
    const sr = await em.findOneOrFail(EventReport, { uuid: String(r.uuid).toLowerCase() }, { filters: false });
    assert.equal(sr.name, r.name);
    assert.equal(sr.content, r.content);
    assert.equal(sr.deleted, bool(r.deleted));
    counts.reports++;
  }
  return counts;
}
