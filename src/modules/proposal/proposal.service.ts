import { EntityManager } from '@mikro-orm/core';
import { eventAccessOf } from '../../auth/change-access';
import { canAcceptProposal, canDiscardProposal, canPropose, canSeeEvent } from '../../auth/policy';
import { ChangeRecorder, writeTransaction } from '../../db/change-recorder';
import { Scope, requireActor } from '../../graphql/scope';
import { ChangeKind, ChangeOp, Distribution } from '../../shared/enums';
import { AppError, badInput, forbidden, isAppError, notFound } from '../../shared/errors';
import { getAttributeType, resolveCategory } from '../attribute/attribute-types';
import { normaliseAttributeValue } from '../attribute/attribute-values';
import { Attribute } from '../attribute/attribute.entity';
import { addAttributesIn, deleteAttributeIn, getAttribute, updateAttributeIn } from '../attribute/attribute.service';
import { Event } from '../event/event.entity';
import { eventWriteDecision, getEvent } from '../event/event.service';
import { Organisation } from '../organisation/organisation.entity';
import { Proposal } from './proposal.entity';
import { ProposeAttributeChangeInput, ProposeAttributeInput } from './proposal.inputs';

/**
 * Proposals (MISP ShadowAttributes): another organisation's suggested new attribute, change or deletion.
 * Who may do what is policy.ts, section "proposals"; visibility: a proposal of a visible event (the ORM
 * `visible` filter), and, when it is about an existing attribute, only if the reader may see that
 * attribute (checked here and in the loaders). Accepting applies the proposal through the attribute
 * service's own writes (addAttributesIn / updateAttributeIn / deleteAttributeIn) in the same transaction
 * as the proposal's tombstone: one write path for attributes, all or nothing.
 *
 * Proposing and discarding do not touch the event (no new timestamp, no unpublishing: a proposal is not
 * a change of the event's data, and a non-editor must not unpublish it); each is a PROPOSAL change row.
 */

/** The proposal if the caller may see it (live only); NOT_FOUND otherwise. */
export async function getProposal(scope: Scope, uuid: string, em: EntityManager = scope.em): Promise<Proposal> {
  return (await visibleProposal(scope, uuid, em)).p;
}

/** The proposal and the attribute it is about (null: a proposed new attribute), as the caller may see them. */
async function visibleProposal(scope: Scope, uuid: string, em: EntityManager): Promise<{ p: Proposal; attribute: Attribute | null }> {
  requireActor(scope);
  const p = await em.findOne(Proposal, { uuid: String(uuid).toLowerCase(), deleted: false }, { populate: ['event'] });
  if (!p || !canSeeEvent(scope.viewer, eventAccessOf(p.event))) throw notFound('Proposal', uuid);
  if (!p.attributeUuid) return { p, attribute: null };
  try {
    return { p, attribute: await attributeFor(scope, em, p.attributeUuid) };
  } catch (e) {
    if (isAppError(e) && e.code === 'NOT_FOUND') throw notFound('Proposal', uuid);
    throw e;
  }
}

/** A visible attribute with its object loaded (the change row of a proposal snapshots both). */
async function attributeFor(scope: Scope, em: EntityManager, uuid: string): Promise<Attribute> {
  const a = await getAttribute(scope, uuid, { em });
  if (a.object) await em.populate(a, ['object']);
  return a;
}

function proposerOrg(scope: Scope): number {
  const actor = requireActor(scope);
  if (canPropose(actor) !== 'ALLOWED') throw forbidden('Proposals are made by users with a writing role of an organisation');
  return actor.orgId!;
}

/** MISP refuses proposing attachments through this path (they need their file). */
function checkProposableType(type: string) {
  const info = getAttributeType(type);
  if (info.type === 'attachment' || info.type === 'malware-sample') {
    throw badInput(`Type "${type}" cannot be proposed here: attachments and malware samples carry a file`, { attributeType: type });
  }
  return info;
}

/** A PROPOSAL change row: the event's snapshot and, for a proposal about an attribute, the attribute's. */
function record(changes: ChangeRecorder, op: ChangeOp, p: Proposal, event: Event, attribute: Attribute | null) {
  changes.inEvent(ChangeKind.PROPOSAL, op, p.uuid, event, attribute);
}

/** Proposes a new attribute for an event the caller can see. */
export async function proposeAttribute(scope: Scope, input: ProposeAttributeInput): Promise<Proposal> {
  const orgId = proposerOrg(scope);
  const info = checkProposableType(input.type);
  const category = resolveCategory(info.type, input.category);
  const value = normaliseAttributeValue(info.type, input.value);
  return writeTransaction(scope, async (em, changes) => {
    const event = await getEvent(scope, input.eventId, em);
    const p = em.create(Proposal, {
      event,
      org: em.getReference(Organisation, orgId),
      attributeUuid: null,
      type: info.type,
      category,
      value,
      toIds: input.toIds ?? info.toIdsDefault,
      comment: input.comment ?? null,
      objectRelation: null,
      firstSeen: input.firstSeen ?? null,
      lastSeen: input.lastSeen ?? null,
      proposalToDelete: false,
      timestamp: scope.clock.now(),
      deleted: false,
    } as Proposal);
    record(changes, ChangeOp.CREATED, p, event, null);
    return p;
  });
}

/** Proposes a change to an attribute the caller can see: given fields replace, absent ones keep the attribute's. */
export async function proposeAttributeChange(scope: Scope, input: ProposeAttributeChangeInput): Promise<Proposal> {
  const orgId = proposerOrg(scope);
  const given = (['value', 'category', 'toIds', 'comment', 'firstSeen', 'lastSeen'] as const).filter((k) => input[k] !== undefined && input[k] !== null);
  if (!given.length) throw badInput('Nothing to propose: give at least one of value, category, toIds, comment, firstSeen, lastSeen');
  return writeTransaction(scope, async (em, changes) => {
    const a = await attributeFor(scope, em, input.attributeId);
    const p = em.create(Proposal, {
      ...attributeFields(a, scope.clock.now()),
      event: a.event,
      org: em.getReference(Organisation, orgId),
      category: input.category != null ? resolveCategory(a.type, input.category) : a.category,
      value: input.value != null ? normaliseAttributeValue(a.type, input.value) : a.value,
      toIds: input.toIds ?? a.toIds,
      comment: input.comment ?? a.comment ?? null,
      firstSeen: input.firstSeen ?? a.firstSeen ?? null,
      lastSeen: input.lastSeen ?? a.lastSeen ?? null,
      proposalToDelete: false,
    } as Proposal);
    record(changes, ChangeOp.CREATED, p, a.event, a);
    return p;
  });
}

/** Proposes deleting an attribute the caller can see. */
export async function proposeAttributeDeletion(scope: Scope, attributeUuid: string): Promise<Proposal> {
  const orgId = proposerOrg(scope);
  return writeTransaction(scope, async (em, changes) => {
    const a = await attributeFor(scope, em, attributeUuid);
    const p = em.create(Proposal, { ...attributeFields(a, scope.clock.now()), event: a.event, org: em.getReference(Organisation, orgId), proposalToDelete: true } as Proposal);
    record(changes, ChangeOp.CREATED, p, a.event, a);
    return p;
  });
}

/** What a proposal about `a` copies of it (MISP: the proposal starts as the attribute). */
function attributeFields(a: Attribute, now: Date) {
  return {
    attributeUuid: a.uuid,
    type: a.type,
    category: a.category,
    value: a.value,
    toIds: a.toIds,
    comment: a.comment ?? null,
    objectRelation: a.objectRelation ?? null,
    firstSeen: a.firstSeen ?? null,
    lastSeen: a.lastSeen ?? null,
    timestamp: now,
    deleted: false,
  };
}

/** The proposal and its event, when the caller may decide on it (`decide`: accept or discard rule). */
async function forDecision(scope: Scope, em: EntityManager, uuid: string, mode: 'accept' | 'discard'): Promise<{ p: Proposal; event: Event; attribute: Attribute | null }> {
  const actor = requireActor(scope);
  const { p, attribute } = await visibleProposal(scope, uuid, em);
  const event = await getEvent(scope, p.event.uuid, em);
  const edit = eventWriteDecision(scope, event);
  const decision = mode === 'accept' ? canAcceptProposal(edit) : canDiscardProposal(actor, edit, { orgId: p.org.id });
  if (decision !== 'ALLOWED') {
    throw forbidden(
      mode === 'accept'
        ? `You may not accept proposal "${p.uuid}": only the editors of event "${event.uuid}" may${event.locked ? ' (a locked copy: its creator hub decides)' : ''}`
        : `You may not discard proposal "${p.uuid}": only the editors of event "${event.uuid}" and the proposing organisation may`,
    );
  }
  return { p, event, attribute };
}

/**
 * Accepts a proposal: applies it through the attribute writes (a new attribute with distribution
 * INHERIT_EVENT as MISP does, the change, or the deletion) and tombstones the proposal, in one
 * transaction. Returns the attribute written. A change that no longer fits (e.g. now a duplicate) is
 * refused with the attribute write's own error, and nothing changes.
 */
export async function acceptProposal(scope: Scope, uuid: string): Promise<Attribute> {
  return writeTransaction(scope, async (em, changes) => {
    const { p, event, attribute } = await forDecision(scope, em, uuid, 'accept');
    let a: Attribute;
    if (!p.attributeUuid) {
      const input = {
        type: p.type,
        value: p.value,
        category: p.category,
        toIds: p.toIds,
        comment: p.comment ?? undefined,
        firstSeen: p.firstSeen ?? undefined,
        lastSeen: p.lastSeen ?? undefined,
        distribution: Distribution.INHERIT_EVENT,
      };
      [a] = await addAttributesIn(scope, em, changes, event.uuid, [input]).catch(unindexed);
    } else if (p.proposalToDelete) {
      a = await deleteAttributeIn(scope, em, changes, p.attributeUuid);
    } else {
      if (attribute!.type !== p.type) {
        throw badInput(`Proposal "${p.uuid}" changes the type of attribute "${attribute!.uuid}" (${attribute!.type} -> ${p.type}): attribute types are not changed; discard it`);
      }
      a = await updateAttributeIn(scope, em, changes, {
        id: p.attributeUuid,
        value: p.value,
        category: p.category,
        toIds: p.toIds,
        comment: p.comment ?? undefined,
        firstSeen: p.firstSeen ?? undefined,
        lastSeen: p.lastSeen ?? undefined,
      });
    }
    p.deleted = true;
    p.timestamp = scope.clock.now();
    record(changes, ChangeOp.DELETED, p, event, attribute);
    return a;
  });
}

/** A single add names the value, not an index (as addAttribute). */
function unindexed(e: unknown): never {
  if (isAppError(e) && e.extensions.index === 0) throw new AppError(e.code, e.message.replace(/^attributes\[0\]: /, ''), { value: e.extensions.value });
  throw e;
}

/** Discards a proposal: it becomes a tombstone; nothing else changes. */
export async function discardProposal(scope: Scope, uuid: string): Promise<Proposal> {
  return writeTransaction(scope, async (em, changes) => {
    const { p, event, attribute } = await forDecision(scope, em, uuid, 'discard');
    p.deleted = true;
    p.timestamp = scope.clock.now();
    record(changes, ChangeOp.DELETED, p, event, attribute);
    return p;
  });
}
