/**
 * The MISP objects of an incoming event (applyWireEvent): newer wins per object (identity by uuid), an
 * object's references replaced as sent whenever the object is applied, an object uuid of another event
 * never moved, an object in a sharing group only when the sender is a member (policy "sync writes").
 */
import { EntityManager } from '@mikro-orm/core';
import { SyncSkipReason } from '../../auth/policy';
import { ChangeRecorder } from '../../db/change-recorder';
import { refuseControlCharacters } from '../../shared/control-characters';
import { ChangeKind, ChangeOp } from '../../shared/enums';
import { Event } from '../event/event.entity';
import { MispObject } from '../object/object.entity';
import { ObjectReference } from '../object/object-reference.entity';
import { SharingGroup } from '../sharing-group/sharing-group.entity';
import { SyncObjectWire, SyncSharingGroupWire } from './wire.types';

/** What the part appliers share: the transaction, the event as stored now, and the refusal notes. */
export interface PartContext {
  em: EntityManager;
  changes: ChangeRecorder;
  event: Event;
  /** The event existed before this apply (so stored parts are looked up). */
  existed: boolean;
  /** Notes a refusal (`detail`: the part and why). */
  note(reason: SyncSkipReason, detail?: string, count?: number): void;
  /** The sharing group here when the sender may put data in it (planned by the event's sharing-group rules); null when not. */
  useGroup(g: SyncSharingGroupWire): Promise<SharingGroup | null>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isWireUuid = (v: unknown): v is string => typeof v === 'string' && UUID.test(v);

/** Why an object cannot be stored as sent (a field over its column, a bad uuid), or null. */
function objectProblem(w: SyncObjectWire): string | null {
  if (!isWireUuid(w.id)) return `"${String(String(w.id)).slice(0, 60)}" is not a uuid`;
  if (!w.name?.trim() || w.name.length > 131) return 'name must be 1–131 characters';
  if ((w.metaCategory ?? '').length > 255) return 'meta-category longer than 255 characters';
  if (w.templateUuid && !isWireUuid(w.templateUuid)) return `template uuid "${String(w.templateUuid).slice(0, 60)}" is not a uuid`;
  if ((w.templateVersion ?? '').length > 20) return 'template version longer than 20 characters';
  for (const r of w.references ?? []) {
    if (!isWireUuid(r.id)) return `reference "${String(r.id).slice(0, 60)}" is not a uuid`;
    if (!isWireUuid(r.targetId)) return `reference ${r.id}: target "${String(r.targetId).slice(0, 60)}" is not a uuid`;
    if (!r.relationshipType?.trim() || r.relationshipType.length > 255) return `reference ${r.id}: relationship type must be 1–255 characters`;
  }
  const ids = (w.references ?? []).map((r) => r.id.toLowerCase());
  if (new Set(ids).size !== ids.length) return 'a reference uuid appears twice';
  try {
    refuseControlCharacters({ ...w, references: [] }, `object ${w.id}`);
    for (const r of w.references ?? []) refuseControlCharacters(r, `reference ${r.id}`);
  } catch (e) {
    return (e as Error).message;
  }
  return null;
}

/**
 * Applies the event's objects. Returns every object an attribute of this event may name: the stored ones
 * (as they are after this apply) by uuid, and null for each incoming object that was refused (its
 * attributes are refused with it). `wires` null: the sender sent no object list (a protocol-1.0 peer):
 * stored objects stay as they are.
 */
export async function applyObjects(p: PartContext, wires: readonly SyncObjectWire[] | null | undefined): Promise<Map<string, MispObject | null>> {
  const { em, event } = p;
  const stored = p.existed ? await em.find(MispObject, { event: event.id }) : [];
  const out = new Map<string, MispObject | null>(stored.map((o) => [o.uuid, o]));
  if (!wires?.length) return out;
  const incoming = wires.filter((w) => isWireUuid(w.id));
  const newUuids = incoming.map((w) => w.id.toLowerCase()).filter((u) => !out.has(u));
  const taken = new Set(
    newUuids.length ? (await em.find(MispObject, { uuid: { $in: newUuids } }, { fields: ['uuid'] })).map((o) => o.uuid) : [],
  );
  // A reference uuid held by another object here (this event's or another's) is never moved: its object is refused.
  const refUuids = incoming.flatMap((w) => (w.references ?? []).map((r) => String(r.id).toLowerCase())).filter(isWireUuid);
  const refOwner = new Map<string, string>();
  for (let i = 0; i < refUuids.length; i += 500) {
    const rows = await em.find(ObjectReference, { uuid: { $in: refUuids.slice(i, i + 500) } }, { populate: ['object'] });
    for (const r of rows) refOwner.set(r.uuid, r.object.uuid);
  }
  const seen = new Set<string>();
  for (const w of wires) {
    const uuid = String(w.id).toLowerCase();
    const problem = objectProblem(w);
    if (problem || seen.has(uuid)) {
      if (isWireUuid(uuid)) out.set(uuid, null);
      p.note(SyncSkipReason.OBJECT_INVALID, `object ${uuid}: ${problem ?? 'appears twice'}`);
      continue;
    }
    seen.add(uuid);
    if (taken.has(uuid) || (w.references ?? []).some((r) => (refOwner.get(r.id.toLowerCase()) ?? uuid) !== uuid)) {
      out.set(uuid, null);
      p.note(SyncSkipReason.OBJECT_UUID_TAKEN, `object ${uuid}: belongs to another event here`);
      continue;
    }
    let sharingGroup: SharingGroup | null = null;
    if (w.sharingGroup) {
      sharingGroup = await p.useGroup(w.sharingGroup);
      if (!sharingGroup) {
        out.set(uuid, null);
        p.note(SyncSkipReason.OBJECT_SHARING_GROUP_NOT_MEMBER, `object ${uuid}: sharing group ${w.sharingGroup.id}`);
        continue;
      }
    }
    const existing = out.get(uuid);
    const ts = new Date(w.timestamp);
    if (existing && !(ts.getTime() > existing.timestamp.getTime())) continue; // equal or older: nothing to do
    const fields = {
      name: w.name.trim(),
      metaCategory: w.metaCategory ?? '',
      description: w.description ?? null,
      templateUuid: w.templateUuid?.toLowerCase() ?? null,
      templateVersion: w.templateVersion ?? null,
      comment: w.comment ?? null,
      distribution: w.distribution,
      sharingGroup,
      firstSeen: w.firstSeen ? new Date(w.firstSeen) : null,
      lastSeen: w.lastSeen ? new Date(w.lastSeen) : null,
      timestamp: ts,
      deleted: w.deleted,
    };
    const object = existing ?? em.create(MispObject, { uuid, event, ...fields } as MispObject);
    if (existing) {
      Object.assign(existing, fields);
      await em.nativeDelete(ObjectReference, { object: existing.id });
    }
    for (const r of w.references ?? []) {
      em.create(ObjectReference, {
        uuid: r.id.toLowerCase(),
        object,
        targetUuid: r.targetId.toLowerCase(),
        relationshipType: r.relationshipType,
        comment: r.comment ?? null,
        timestamp: new Date(r.timestamp),
        deleted: r.deleted,
      } as ObjectReference);
    }
    out.set(uuid, object);
    p.changes.inEvent(ChangeKind.OBJECT, !existing ? ChangeOp.CREATED : w.deleted ? ChangeOp.DELETED : ChangeOp.UPDATED, uuid, event, object);
  }
  await em.flush();
  return out;
}
