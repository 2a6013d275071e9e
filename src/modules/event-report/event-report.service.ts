import { EntityManager } from '@mikro-orm/core';
import { eventAccessOf } from '../../auth/change-access';
import { canSeeObject } from '../../auth/policy';
import { writeTransaction } from '../../db/change-recorder';
import { Scope, requireActor } from '../../graphql/scope';
import { codePoint, forbiddenControlCharacter } from '../../shared/control-characters';
import { ChangeKind, ChangeOp, Distribution } from '../../shared/enums';
import { badInput, notFound } from '../../shared/errors';
import { getEventForWrite, touchEvent } from '../event/event.service';
import { applyDistributionChange, resolveDistribution } from '../sharing-group/sharing-group.service';
import { EventReport } from './event-report.entity';
import { AddEventReportInput, UpdateEventReportInput } from './event-report.inputs';

/**
 * Event reports (MISP EventReport): named markdown documents inside an event. Read under the objects'
 * rule (policy.canSeeObject; the ORM `visible` filter for lists); written by the event's editors
 * (policy.canEditEvent through getEventForWrite), into a sharing group the writer may use
 * (policy.canUseSharingGroup through resolveDistribution). Every write is a change-log row of kind
 * EVENT_REPORT and bumps (and unpublishes) the event, like an attribute write.
 */

/** The report if the caller may see it (tombstones only when asked and allowed); NOT_FOUND otherwise. */
export async function getEventReport(scope: Scope, uuid: string, opts: { includeDeleted?: boolean; em?: EntityManager } = {}): Promise<EventReport> {
  requireActor(scope);
  const em = opts.em ?? scope.em;
  const r = await em.findOne(EventReport, { uuid: String(uuid).toLowerCase() }, { populate: ['event'] });
  if (!r || !canSeeObject(scope.viewer, eventAccessOf(r.event), reportAccess(r), opts)) throw notFound('Event report', uuid);
  return r;
}

const reportAccess = (r: EventReport) => ({ distribution: r.distribution, sharingGroupId: r.sharingGroup?.id ?? null, deleted: r.deleted });

/** A report title: one line, 1 to 255 characters (trimmed). */
export function checkReportName(name: string): string {
  const n = name.trim();
  const ch = forbiddenControlCharacter(n, false);
  if (ch) throw badInput(`Report name contains a control character (${codePoint(ch)})`, { field: 'name' });
  if (!n.length || n.length > 255) throw badInput(`Invalid report name "${n.slice(0, 100)}": expected 1 to 255 characters`, { field: 'name' });
  return n;
}

/** Report content: markdown (tab, line feed and carriage return allowed), at most `maxBytes` of UTF-8. */
export function checkReportContent(content: string, maxBytes: number): string {
  const ch = forbiddenControlCharacter(content, true);
  if (ch) throw badInput(`Report content contains a control character (${codePoint(ch)})`, { field: 'content' });
  const size = Buffer.byteLength(content, 'utf8');
  if (size > maxBytes) {
    throw badInput(`Report content is ${size} bytes: at most ${maxBytes} bytes (EVENT_REPORT_MAX_BYTES)`, { field: 'content', size, limit: maxBytes });
  }
  return content;
}

export async function addEventReport(scope: Scope, input: AddEventReportInput): Promise<EventReport> {
  requireActor(scope);
  const name = checkReportName(input.name);
  const content = checkReportContent(input.content, scope.config.eventReportMaxBytes);
  return writeTransaction(scope, async (em, changes) => {
    const event = await getEventForWrite(scope, em, input.eventId);
    const { distribution, sharingGroup } = await resolveDistribution(scope, em, input.distribution ?? Distribution.INHERIT_EVENT, input.sharingGroupId, {
      allowInherit: true,
    });
    const now = scope.clock.now();
    const r = em.create(EventReport, {
      event,
      name,
      content,
      distribution,
      sharingGroup,
      timestamp: now,
      deleted: false,
    } as EventReport);
    touchEvent(scope, event);
    changes.inEvent(ChangeKind.EVENT_REPORT, ChangeOp.CREATED, r.uuid, event, r);
    return r;
  });
}

export async function updateEventReport(scope: Scope, input: UpdateEventReportInput): Promise<EventReport> {
  const name = input.name != null ? checkReportName(input.name) : null;
  const content = input.content != null ? checkReportContent(input.content, scope.config.eventReportMaxBytes) : null;
  return writeTransaction(scope, async (em, changes) => {
    const r = await getEventReport(scope, input.id, { em });
    const event = await getEventForWrite(scope, em, r.event.uuid);
    await applyDistributionChange(scope, em, r, input, { allowInherit: true });
    if (name !== null) r.name = name;
    if (content !== null) r.content = content;
    r.timestamp = scope.clock.now();
    touchEvent(scope, event);
    changes.inEvent(ChangeKind.EVENT_REPORT, ChangeOp.UPDATED, r.uuid, event, r);
    return r;
  });
}

/** Soft delete: the report becomes a tombstone (travels to peers, hidden from normal reads). */
export async function deleteEventReport(scope: Scope, uuid: string): Promise<EventReport> {
  return writeTransaction(scope, async (em, changes) => {
    const r = await getEventReport(scope, uuid, { em, includeDeleted: true });
    const event = await getEventForWrite(scope, em, r.event.uuid);
    if (r.deleted) return r;
    r.deleted = true;
    r.timestamp = scope.clock.now();
    touchEvent(scope, event);
    changes.inEvent(ChangeKind.EVENT_REPORT, ChangeOp.DELETED, r.uuid, event, r);
    return r;
  });
}
