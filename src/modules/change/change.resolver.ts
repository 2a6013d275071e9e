import { Arg, Authorized, Ctx, Int, Query, Resolver, Subscription } from 'type-graphql';
import { Parent } from '../../graphql/parent';
import { decodeCursor, encodeCursor, pageSize } from '../../graphql/pagination';
import { Scope, requireActor } from '../../graphql/scope';
import { AppError } from '../../shared/errors';
import { Attribute } from '../attribute/attribute.entity';
import { AttributeFilter } from '../attribute/attribute.inputs';
import { Event } from '../event/event.entity';
import { EventFilter } from '../event/event.inputs';
import { canSeeChange, FeedItem } from '../../auth/change-access';
import { isLagNotice, LagNotice, LiveStream } from './change-stream';
import { Viewer } from '../../auth/policy';
import { ChangeEntry, ChangePage } from './change.types';
import { ChangeKind, ChangeOp } from '../../shared/enums';
import { attributeItemFilter, eventItemFilter, ItemFilter } from './subscription-filters';

/** `since`: a change cursor, or "0" for the start of the log. */
export const decodeSince = (since: string | null | undefined): number | null =>
  since === null || since === undefined ? null : since === '0' ? 0 : decodeCursor('change', since);

const entryOf = (item: FeedItem): ChangeEntry => ({
  cursor: encodeCursor('change', item.change.seq),
  op: item.change.op as ChangeOp,
  kind: item.change.kind as ChangeKind,
  id: item.change.uuid,
  eventId: item.change.eventUuid ?? null,
  at: item.change.at,
});

/** A per-delivery view of a shared object carrying this delivery's cursor (the object is not mutated). */
const withCursor = <T extends object>(obj: T, seq: number): T => {
  // An assignment, not a property descriptor: Object.create's descriptor form took about 1.5 µs an item.
  const view = Object.create(obj) as T & { changeCursor: string };
  view.changeCursor = encodeCursor('change', seq);
  return view;
};

function lagged(payload: LagNotice): never {
  throw new AppError(
    'SUBSCRIBER_TOO_SLOW',
    `This subscriber fell more than the allowed number of changes behind; resubscribe with since: "${encodeCursor('change', payload.cursor)}" to continue`,
    { cursor: encodeCursor('change', payload.cursor) },
  );
}

/** Kinds the `changes` subscription delivers (others are hub administration, not streamed). */
const STREAMED_KINDS: ReadonlySet<string> = new Set([ChangeKind.EVENT, ChangeKind.ATTRIBUTE, ChangeKind.SIGHTING, ChangeKind.OBJECT]);

/** Per item and viewer: the root value to deliver, or null (pure: no database access). */
type Accept<T> = (item: FeedItem, viewer: Viewer) => T | null;

/**
 * A change-log subscription: the filter is resolved when the stream is opened (a bad filter arrives as
 * an error message), then each item is filtered and checked against the caller's rights at that moment.
 */
function live<T extends object>(scope: Scope, since: number | null, makeFilter: () => Promise<ItemFilter>, accept: Accept<T>): LiveStream<T> {
  return new LiveStream<T>(since, async () => {
    requireActor(scope);
    const matches = await makeFilter();
    return (item, viewer) => (matches(item) ? accept(item, viewer) : null);
  });
}

const everything = async (): Promise<ItemFilter> => () => true;

/**
 * The change-log subscriptions. Their methods take the payload only and return it (a lag notice throws
 * SUBSCRIBER_TOO_SLOW); their other parameters declare the arguments, which `subscribe` reads. The schema
 * calls them directly for each delivered item, after type-graphql checked the caller and the arguments
 * once at the start (schema.ts, resolveLiveItemsDirectly).
 */
export const LIVE_SUBSCRIPTIONS = ['attributeAdded', 'eventPublished', 'changes'] as const;

@Resolver(() => ChangeEntry)
export class ChangeResolver {
  @Authorized()
  @Query(() => ChangePage, { description: 'Reads the change log after a cursor (only changes the caller may see), oldest first.' })
  async changes(
    @Arg('since', () => String, { nullable: true, description: 'A change cursor, or "0" for the start of the log (default).' }) since: string | null,
    @Arg('first', () => Int, { nullable: true, description: 'At most this many changes (default DEFAULT_PAGE_SIZE, max MAX_PAGE_SIZE).' }) first: number | null,
    @Ctx() scope: Scope,
  ): Promise<ChangePage> {
    requireActor(scope);
    const limit = pageSize(first, scope.config.defaultPageSize, scope.config.maxPageSize);
    let cursor = decodeSince(since) ?? 0;
    const upTo = await scope.changeLog.committedSeq();
    const out: ChangeEntry[] = [];
    // Invisible changes are skipped, so scan a bounded number of rows for a page.
    for (let scanned = 0; out.length < limit && scanned < limit * 20; ) {
      const items = await scope.changeLog.itemsAfter(cursor, limit, upTo);
      if (!items.length) break;
      for (const item of items) {
        scanned++;
        cursor = item.change.seq;
        if (canSeeChange(scope.viewer, item)) out.push(entryOf(item));
        if (out.length === limit) break;
      }
    }
    return { changes: out, cursor: encodeCursor('change', cursor), hasMore: upTo > cursor };
  }

  @Authorized()
  @Subscription(() => Attribute, {
    description: 'Every new attribute the caller may see, as it is stored (feeds included). Resume with `since`.',
    subscribe: ({ args, context }) => {
      const scope = context as Scope;
      return live(scope, decodeSince(args.since), () => attributeItemFilter(scope, args.filter), (item, viewer) =>
        item.change.kind === ChangeKind.ATTRIBUTE && item.change.op === ChangeOp.CREATED && item.attribute && canSeeChange(viewer, item)
          ? withCursor(item.attribute, item.change.seq)
          : null,
      );
    },
  })
  attributeAdded(
    @Parent() payload: Attribute | LagNotice,
    @Arg('filter', () => AttributeFilter, { nullable: true, description: 'Only attributes matching this filter (type, category, value, tags, toIds, distribution, eventId, creatorOrgId, published).' })
    _filter: AttributeFilter | null,
    @Arg('since', () => String, { nullable: true, description: 'Resume after this change cursor (replays what was missed, then live).' }) _since: string | null,
  ): Attribute {
    if (isLagNotice(payload)) lagged(payload);
    return payload;
  }

  @Authorized()
  @Subscription(() => Event, {
    description: 'Every event the caller may see, when it is published. Resume with `since`.',
    subscribe: ({ args, context }) => {
      const scope = context as Scope;
      return live(scope, decodeSince(args.since), () => eventItemFilter(scope, args.filter), (item, viewer) =>
        item.change.kind === ChangeKind.EVENT && item.change.op === ChangeOp.PUBLISHED && item.event && canSeeChange(viewer, item)
          ? withCursor(item.event, item.change.seq)
          : null,
      );
    },
  })
  eventPublished(
    @Parent() payload: Event | LagNotice,
    @Arg('filter', () => EventFilter, { nullable: true, description: 'Only events matching this filter (info, distribution, creatorOrgId, tags).' })
    _filter: EventFilter | null,
    @Arg('since', () => String, { nullable: true, description: 'Resume after this change cursor.' }) _since: string | null,
  ): Event {
    if (isLagNotice(payload)) lagged(payload);
    return payload;
  }

  @Authorized()
  @Subscription(() => ChangeEntry, {
    name: 'changes',
    description: 'The change log (events, attributes and MISP objects: created, updated, deleted, published; sightings: created) as the caller may see it, live; with `since`, everything after that cursor first.',
    subscribe: ({ args, context }) => {
      const scope = context as Scope;
      return live(scope, decodeSince(args.since), everything, (item, viewer) =>
        STREAMED_KINDS.has(item.change.kind) && canSeeChange(viewer, item) ? entryOf(item) : null,
      );
    },
  })
  changesStream(
    @Parent() payload: ChangeEntry | LagNotice,
    @Arg('since', () => String, { nullable: true, description: 'A change cursor, or "0" for the start of the log.' }) _since: string | null,
  ): ChangeEntry {
    if (isLagNotice(payload)) lagged(payload);
    return payload;
  }
}
