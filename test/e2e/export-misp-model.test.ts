import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { CreateEventDocument, PublishEventDocument } from '../../src/generated/graphql';
import { unzipMalwareSample } from '../../src/modules/attribute/malware-sample-zip';
import { testDatabases } from '../support/databases';
import { ok, OrgWithUser, orgWithUser, startTestHub, TestHub, unique } from '../support/hub';
import { ATTRIBUTE_GALAXY_TAG, buildMispModelEvent, EVENT_GALAXY_TAG, MispModelEvent } from '../support/misp-model-fixture';

/**
 * The whole MISP event out of the database (issue 12): /export/misp-json, the served MISP feed, CSV and
 * the attachment download, for the owner and for another organisation (an ORGANISATION_ONLY object hides
 * its attributes and the references to it; sightings under MISP's policy; reports by distribution).
 */
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

for (const database of testDatabases()) {
  describe(`MISP model exports (${database.name})`, () => {
    let hub: TestHub;
    let A: OrgWithUser;
    let B: OrgWithUser;
    let m: MispModelEvent;
    let emptyEvent = '';
    let base = '';

    before(async () => {
      hub = await startTestHub(database);
      base = hub.url.replace(/\/graphql$/, '');
      [A, B] = await Promise.all([orgWithUser(hub, 'ORG_ADMIN'), orgWithUser(hub, 'USER')]);
      m = await buildMispModelEvent(hub, A, B);
      emptyEvent = ok(await A.client.request(CreateEventDocument, { input: { info: unique('no attributes'), distribution: 'COMMUNITY_ONLY' } })).createEvent.id;
      ok(await A.client.request(PublishEventDocument, { id: emptyEvent }));
    });
    after(() => hub?.stop());

    const exportJson = async (who: OrgWithUser, filter: Json): Promise<Json[]> => {
      const res = await fetch(`${base}/export/misp-json`, { method: 'POST', headers: { authorization: who.key, 'content-type': 'application/json' }, body: JSON.stringify({ filter }) });
      assert.equal(res.status, 200, await res.clone().text());
      return ((await res.json()) as { response: Array<{ Event: Json }> }).response.map((r) => r.Event);
    };
    const eventOf = async (who: OrgWithUser) => {
      const events = await exportJson(who, { eventId: m.eventId });
      assert.equal(events.length, 1);
      return events[0];
    };
    const allAttributes = (e: Json): Json[] => [...e.Attribute, ...e.Object.flatMap((o: Json) => o.Attribute)];

    test('the owner gets the whole event: objects, references, galaxies, sightings, proposals, reports, attachments', async () => {
      const e = await eventOf(A);
      assert.deepEqual(e.Attribute.map((a: Json) => a.uuid).sort(), [m.ip, m.attachment, m.malware].sort(), 'plain attributes only at the top');
      assert.deepEqual(e.Object.map((o: Json) => o.uuid).sort(), [m.fileObject, m.hiddenObject].sort());
      const file = e.Object.find((o: Json) => o.uuid === m.fileObject);
      assert.equal(file.name, 'file');
      assert.equal(file['meta-category'], 'file');
      assert.equal(file.template_uuid, '688c46fb-5edb-40a3-8273-1af7923e2215');
      assert.equal(file.distribution, '3');
      assert.equal(file.first_seen, '2021-01-01T00:00:00.000000+00:00', 'first_seen as MISP writes it');
      assert.deepEqual(file.Attribute.map((a: Json) => [a.uuid, a.object_relation]).sort(), [[m.fileAttributes[0], 'filename'], [m.fileAttributes[1], 'md5']].sort());
      assert.deepEqual(file.ObjectReference.map((r: Json) => r.referenced_uuid).sort(), [m.hiddenObject, m.ip, m.externalTarget].sort());
      assert.equal(file.ObjectReference.find((r: Json) => r.referenced_uuid === m.ip).referenced_type, '0');
      assert.equal(file.ObjectReference.find((r: Json) => r.referenced_uuid === m.hiddenObject).referenced_type, '1');
      assert.equal(e.Galaxy.length, 1);
      assert.equal(e.Galaxy[0].type, 'threat-actor');
      assert.deepEqual(e.Galaxy[0].GalaxyCluster.map((c: Json) => [c.value, c.tag_name]), [['Sofacy', EVENT_GALAXY_TAG]]);
      assert.deepEqual(e.Galaxy[0].GalaxyCluster[0].meta, { refs: ['https://example.org'] }, 'the cluster as MISP exported it');
      const ip = e.Attribute.find((a: Json) => a.uuid === m.ip);
      assert.deepEqual(ip.Galaxy.flatMap((g: Json) => g.GalaxyCluster.map((c: Json) => c.tag_name)), [ATTRIBUTE_GALAXY_TAG]);
      assert.equal(ip.Sighting.length, 2, 'the event owner sees every sighting');
      assert.deepEqual(new Set(ip.Sighting.map((s: Json) => s.Organisation.uuid)), new Set([A.orgId, B.orgId]));
      assert.equal(ip.Sighting[0].type, '0');
      // A proposal about an attribute goes out under that attribute's uuid, as MISP writes it.
      assert.deepEqual(ip.ShadowAttribute.map((p: Json) => [p.uuid, p.value, p.Org.uuid]), [[m.ip, '198.51.100.8', B.orgId]]);
      assert.deepEqual(e.ShadowAttribute.map((p: Json) => p.uuid), [m.proposals.newAttribute]);
      assert.deepEqual(e.EventReport.map((r: Json) => r.uuid).sort(), [m.reports.open, m.reports.hidden].sort());
      const attachment = e.Attribute.find((a: Json) => a.uuid === m.attachment);
      assert.deepEqual(Buffer.from(attachment.data, 'base64'), m.attachmentBytes);
      const sample = await unzipMalwareSample(Buffer.from(e.Attribute.find((a: Json) => a.uuid === m.malware).data, 'base64'));
      assert.deepEqual([...sample.values()].find((b) => b.equals(m.sampleBytes)), m.sampleBytes, 'the malware sample opens with "infected"');
      assert.ok(!('data' in ip), 'data only on attachment types');
    });

    test('another organisation: the ORGANISATION_ONLY object hides its attributes and the references to it; own sightings only', async () => {
      const e = await eventOf(B);
      assert.deepEqual(e.Object.map((o: Json) => o.uuid), [m.fileObject]);
      assert.ok(!allAttributes(e).some((a) => a.uuid === m.hiddenAttribute), 'the hidden object\'s attribute is absent');
      assert.ok(!JSON.stringify(e).includes(m.hiddenObject), 'nothing names the hidden object');
      assert.deepEqual(e.Object[0].ObjectReference.map((r: Json) => r.referenced_uuid).sort(), [m.ip, m.externalTarget].sort());
      assert.deepEqual(e.EventReport.map((r: Json) => r.uuid), [m.reports.open]);
      const ip = e.Attribute.find((a: Json) => a.uuid === m.ip);
      assert.deepEqual(ip.Sighting.map((s: Json) => s.Organisation.uuid), [B.orgId], 'MISP policy: a non-owner sees its own sightings');
      assert.equal(e.Galaxy.length, 1);
    });

    test('events without attributes are exported; a filter on attributes exports matching events only', async () => {
      const all = await exportJson(B, {});
      const empty = all.find((e) => e.uuid === emptyEvent);
      assert.ok(empty, 'the event without attributes is in the export');
      assert.deepEqual([empty!.Attribute, empty!.Object, empty!.EventReport], [[], [], []]);
      const byType = await exportJson(A, { type: ['md5'] });
      assert.deepEqual(byType.map((e) => e.uuid), [m.eventId]);
      assert.deepEqual(byType[0].Attribute, [], 'no plain attribute matches');
      assert.deepEqual(byType[0].Object.map((o: Json) => [o.uuid, o.Attribute.map((a: Json) => a.type)]), [[m.fileObject, ['md5']]]);
    });

    test('the served MISP feed carries the same event as the reader may see it', async () => {
      const res = await fetch(`${base}/feeds/misp/${m.eventId}.json`, { headers: { authorization: B.key } });
      assert.equal(res.status, 200);
      const e = ((await res.json()) as { Event: Json }).Event;
      assert.deepEqual(e.Object.map((o: Json) => o.uuid), [m.fileObject]);
      assert.equal(e.Attribute.find((a: Json) => a.uuid === m.ip).Sighting.length, 1);
      assert.deepEqual(Buffer.from(e.Attribute.find((a: Json) => a.uuid === m.attachment).data, 'base64'), m.attachmentBytes);
      const emptyRes = await fetch(`${base}/feeds/misp/${emptyEvent}.json`, { headers: { authorization: B.key } });
      assert.equal(emptyRes.status, 200);
    });

    test('CSV carries MISP\'s object columns', async () => {
      const res = await fetch(`${base}/export/csv?filter=${encodeURIComponent(JSON.stringify({ eventId: m.eventId }))}`, { headers: { authorization: A.key } });
      assert.equal(res.status, 200);
      const lines = (await res.text()).trim().split('\r\n');
      const header = lines[0].split(',');
      assert.deepEqual(header.slice(10, 13), ['object_uuid', 'object_name', 'object_meta_category']);
      const row = lines.find((l) => l.startsWith(m.fileAttributes[0]))!.split(',');
      assert.deepEqual(row.slice(10, 13), [m.fileObject, 'file', 'file']);
      const plain = lines.find((l) => l.startsWith(m.ip))!.split(',');
      assert.deepEqual(plain.slice(10, 13), ['', '', '']);
    });

    test('attachment download: the file under its name, the malware sample as MISP\'s zip, invisible is 404', async () => {
      const get = (who: OrgWithUser | null, path: string) => fetch(`${base}${path}`, { headers: who ? { authorization: who.key } : {} });
      const file = await get(B, `/attributes/${m.attachment}/download`);
      assert.equal(file.status, 200);
      assert.match(file.headers.get('content-disposition') ?? '', /^attachment; filename="?note\.txt"?$/);
      assert.deepEqual(Buffer.from(await file.arrayBuffer()), m.attachmentBytes);
      const sample = await get(A, `/attributes/download/${m.malware}`);
      assert.equal(sample.status, 200);
      assert.equal(sample.headers.get('content-type'), 'application/zip');
      assert.match(sample.headers.get('content-disposition') ?? '', /filename="?evil\.exe\.zip"?$/);
      const files = await unzipMalwareSample(Buffer.from(await sample.arrayBuffer()));
      assert.ok([...files.values()].some((b) => b.equals(m.sampleBytes)), 'unzipped with the password "infected"');
      for (const [who, path, status] of [
        [B, `/attributes/${m.hiddenAttribute}/download`, 404], // in an ORGANISATION_ONLY object: invisible to B
        [A, `/attributes/${m.ip}/download`, 404], // not an attachment
        [A, `/attributes/00000000-0000-4000-8000-000000000000/download`, 404],
        [A, `/attributes/not-a-uuid/download`, 404],
        [null, `/attributes/${m.attachment}/download`, 401],
      ] as const) {
        const res = await get(who, path);
        assert.equal(res.status, status, path);
        const body = (await res.json()) as { errors: Array<{ extensions: { code: string } }> };
        assert.ok(body.errors[0].extensions.code, `${path}: JSON error`);
      }
    });
  });
}
