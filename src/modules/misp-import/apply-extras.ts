/**
 * The parts of an incoming event besides attributes and objects (applyWireEvent): attachment files,
 * sightings, event reports, proposals and galaxy clusters. Each follows the event's decision (they are only
 * applied when the event is); each part is refused alone, with its reason, never half-written.
 */
import { createHash } from 'node:crypto';
import { SyncSkipReason } from '../../auth/policy';
import { refuseControlCharacters } from '../../shared/control-characters';
import { ChangeKind, ChangeOp } from '../../shared/enums';
import { isAppError } from '../../shared/errors';
import { Attribute } from '../attribute/attribute.entity';
import { AttributePayload } from '../attribute/attribute-payload.entity';
import { getAttributeType, resolveCategory } from '../attribute/attribute-types';
import { normaliseAttributeValue } from '../attribute/attribute-values';
import { EventReport } from '../event-report/event-report.entity';
import { Proposal } from '../proposal/proposal.entity';
import { SharingGroup } from '../sharing-group/sharing-group.entity';
import { Sighting, SightingType } from '../sighting/sighting.entity';
import { isWireUuid, PartContext } from './apply-objects';
import { ensureOrganisation } from './remote-org';
import { SyncEventReportWire, SyncProposalWire, SyncSightingWire } from './wire.types';

const CHUNK = 500;

/** Stored uuids of `entity` among `uuids`, with the id of the row they belong under (`owner`). */
async function ownersOf<T extends object>(p: PartContext, entity: new () => T, uuids: string[], owner: 'event' | 'attribute'): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (let i = 0; i < uuids.length; i += CHUNK) {
    const rows = await p.em.find(entity, { uuid: { $in: uuids.slice(i, i + CHUNK) } } as never, { fields: ['uuid', owner] as never, disableIdentityMap: true });
    for (const r of rows as Array<Record<string, unknown>>) out.set(r.uuid as string, (r[owner] as { id: number }).id);
  }
  return out;
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * The files of attachment / malware-sample attributes written in this apply (created or updated): stored
 * (replacing an earlier one) when valid base64 of at most `maxBytes`; otherwise the attribute stays
 * without it, noted.
 */
export async function applyPayloads(p: PartContext, files: ReadonlyArray<{ attributeId: number; uuid: string; data: string }>, maxBytes: number): Promise<void> {
  if (!files.length) return;
  await p.em.nativeDelete(AttributePayload, { attribute: { $in: files.map((f) => f.attributeId) } });
  for (const f of files) {
    const compact = f.data.replace(/\s+/g, '');
    if (compact.length % 4 === 1 || !BASE64.test(compact)) {
      p.note(SyncSkipReason.ATTACHMENT_INVALID, `attribute ${f.uuid}: data is not valid base64`);
      continue;
    }
    const data = Buffer.from(compact, 'base64');
    if (data.length > maxBytes) {
      p.note(SyncSkipReason.ATTACHMENT_INVALID, `attribute ${f.uuid}: the file is ${data.length} bytes, more than ATTACHMENT_MAX_BYTES (${maxBytes})`);
      continue;
    }
    p.em.create(AttributePayload, {
      attribute: p.em.getReference(Attribute, f.attributeId),
      data,
      size: data.length,
      sha256: createHash('sha256').update(data).digest('hex'),
    } as AttributePayload);
  }
  await p.em.flush();
}

const SIGHTING_TYPES = new Set<string>(Object.values(SightingType));

/**
 * Sightings inside attributes of this event: inserted once by uuid (a known uuid is left as it is, so a
 * re-import adds nothing); the reporting organisation by uuid (created as a known remote one when new).
 */
/** An attribute of the event as this apply left it (an entity, or a row just inserted with its id). */
export type AttributeHere = Pick<Attribute, 'id' | 'uuid' | 'distribution' | 'sharingGroup' | 'object'>;

export async function applySightings(
  p: PartContext,
  list: ReadonlyArray<{ attribute: AttributeHere; sightings: readonly SyncSightingWire[] }>,
): Promise<void> {
  const all = list.flatMap((x) => x.sightings.map((s) => ({ a: x.attribute, s })));
  if (!all.length) return;
  const stored = await ownersOf(p, Sighting, [...new Set(all.map((x) => String(x.s.id).toLowerCase()).filter(isWireUuid))], 'attribute');
  const seen = new Set<string>();
  for (const { a, s } of all) {
    const uuid = String(s.id).toLowerCase();
    if (seen.has(uuid)) continue;
    seen.add(uuid);
    const owner = stored.get(uuid);
    if (owner !== undefined) {
      if (owner !== a.id) p.note(SyncSkipReason.SIGHTING_UUID_TAKEN, `sighting ${uuid}: belongs to another attribute here`);
      continue;
    }
    const problem = !isWireUuid(uuid)
      ? `"${String(uuid).slice(0, 60)}" is not a uuid`
      : !s.org
        ? 'no reporting organisation (anonymised sightings are not stored)'
        : !SIGHTING_TYPES.has(s.type)
          ? `unknown type "${String(s.type).slice(0, 40)}"`
          : (s.source ?? '').length > 255
            ? 'source longer than 255 characters'
            : null;
    if (problem) {
      p.note(SyncSkipReason.SIGHTING_INVALID, `sighting ${uuid} of attribute ${a.uuid}: ${problem}`);
      continue;
    }
    const org = await ensureOrganisation(p.em, s.org!);
    p.em.create(Sighting, { uuid, attribute: p.em.getReference(Attribute, a.id), org, type: s.type as SightingType, source: s.source || null, at: new Date(s.at) } as Sighting);
    p.changes.sighting(ChangeOp.CREATED, uuid, a, p.event);
  }
  await p.em.flush();
}

/** Event reports: newer wins per report; a uuid of another event is never moved; a sharing group only as a member. */
export async function applyReports(p: PartContext, wires: readonly SyncEventReportWire[] | null | undefined): Promise<void> {
  if (!wires?.length) return;
  const { em, event } = p;
  const uuids = [...new Set(wires.map((w) => String(w.id).toLowerCase()).filter(isWireUuid))];
  const owners = await ownersOf(p, EventReport, uuids, 'event');
  const mine = [...owners].filter(([, e]) => e === event.id).map(([u]) => u);
  const stored = new Map((mine.length ? await em.find(EventReport, { uuid: { $in: mine } }) : []).map((r) => [r.uuid, r]));
  for (const w of wires) {
    const uuid = String(w.id).toLowerCase();
    const problem = !isWireUuid(uuid) ? `"${String(uuid).slice(0, 60)}" is not a uuid` : !w.name?.trim() || w.name.length > 255 ? 'name must be 1–255 characters' : controlProblem(w);
    if (problem) {
      p.note(SyncSkipReason.REPORT_INVALID, `report ${uuid}: ${problem}`);
      continue;
    }
    if (owners.has(uuid) && owners.get(uuid) !== event.id) {
      p.note(SyncSkipReason.REPORT_UUID_TAKEN, `report ${uuid}: belongs to another event here`);
      continue;
    }
    let sharingGroup: SharingGroup | null = null;
    if (w.sharingGroup && !(sharingGroup = await p.useGroup(w.sharingGroup))) {
      p.note(SyncSkipReason.REPORT_SHARING_GROUP_NOT_MEMBER, `report ${uuid}: sharing group ${w.sharingGroup.id}`);
      continue;
    }
    const existing = stored.get(uuid);
    const ts = new Date(w.timestamp);
    if (existing && !(ts.getTime() > existing.timestamp.getTime())) continue;
    const fields = { name: w.name.trim(), content: w.content ?? '', distribution: w.distribution, sharingGroup, timestamp: ts, deleted: w.deleted };
    const report = existing ?? em.create(EventReport, { uuid, event, ...fields } as EventReport);
    if (existing) Object.assign(existing, fields);
    p.changes.inEvent(ChangeKind.EVENT_REPORT, !existing ? ChangeOp.CREATED : w.deleted ? ChangeOp.DELETED : ChangeOp.UPDATED, uuid, event, report);
  }
  await em.flush();
}

function controlProblem(w: object): string | null {
  try {
    refuseControlCharacters(w, 'part');
    return null;
  } catch (e) {
    return (e as Error).message;
  }
}

/** Proposals (MISP ShadowAttributes): newer wins per proposal; the proposing organisation by uuid. */
export async function applyProposals(p: PartContext, wires: readonly SyncProposalWire[] | null | undefined): Promise<void> {
  if (!wires?.length) return;
  const { em, event } = p;
  const uuids = [...new Set(wires.map((w) => String(w.id).toLowerCase()).filter(isWireUuid))];
  const owners = await ownersOf(p, Proposal, uuids, 'event');
  const mine = [...owners].filter(([, e]) => e === event.id).map(([u]) => u);
  const stored = new Map((mine.length ? await em.find(Proposal, { uuid: { $in: mine } }) : []).map((r) => [r.uuid, r]));
  for (const w of wires) {
    const uuid = String(w.id).toLowerCase();
    let checked: { type: string; category: string; value: string } | null = null;
    let problem = !isWireUuid(uuid)
      ? `"${String(uuid).slice(0, 60)}" is not a uuid`
      : w.attributeId && !isWireUuid(w.attributeId)
        ? `target "${String(w.attributeId).slice(0, 60)}" is not a uuid`
        : (w.objectRelation ?? '').length > 255
          ? 'object relation longer than 255 characters'
          : controlProblem(w);
    if (!problem) {
      try {
        const type = getAttributeType(w.type).type;
        checked = { type, category: resolveCategory(type, w.category), value: normaliseAttributeValue(type, w.value) };
      } catch (e) {
        if (!isAppError(e)) throw e;
        problem = e.message;
      }
    }
    if (problem || !checked) {
      p.note(SyncSkipReason.PROPOSAL_INVALID, `proposal ${uuid}: ${problem}`);
      continue;
    }
    if (owners.has(uuid) && owners.get(uuid) !== event.id) {
      p.note(SyncSkipReason.PROPOSAL_UUID_TAKEN, `proposal ${uuid}: belongs to another event here`);
      continue;
    }
    const existing = stored.get(uuid);
    const ts = new Date(w.timestamp);
    if (existing && !(ts.getTime() > existing.timestamp.getTime())) continue;
    const fields = {
      org: await ensureOrganisation(em, w.org),
      attributeUuid: w.attributeId?.toLowerCase() ?? null,
      ...checked,
      toIds: w.toIds,
      comment: w.comment ?? null,
      objectRelation: w.objectRelation ?? null,
      firstSeen: w.firstSeen ? new Date(w.firstSeen) : null,
      lastSeen: w.lastSeen ? new Date(w.lastSeen) : null,
      proposalToDelete: w.proposalToDelete,
      timestamp: ts,
      deleted: w.deleted,
    };
    if (existing) Object.assign(existing, fields);
    else em.create(Proposal, { uuid, event, ...fields } as Proposal);
    p.changes.inEvent(ChangeKind.PROPOSAL, !existing ? ChangeOp.CREATED : w.deleted ? ChangeOp.DELETED : ChangeOp.UPDATED, uuid, event, null);
  }
  await em.flush();
}
