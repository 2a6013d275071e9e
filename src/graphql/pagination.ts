import { GraphQLResolveInfo, Kind, SelectionSetNode } from 'graphql';
import { ClassType, Field, Int, ObjectType } from 'type-graphql';
import { badInput } from '../shared/errors';

@ObjectType({ description: 'Relay page information.' })
export class PageInfo {
  @Field(() => Boolean, { description: 'More items follow the last edge.' })
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true, description: 'Cursor of the last edge; pass as `after` for the next page.' })
  endCursor!: string | null;
}

/** A Relay connection type for `Node`, named `<Name>Connection` with `<Name>Edge` edges. */
export function Connection<T extends object>(Node: ClassType<T>, name: string) {
  @ObjectType(`${name}Edge`, { description: `An edge to a ${name}.` })
  class Edge {
    @Field(() => Node, { description: `The ${name}.` })
    node!: T;

    @Field(() => String, { description: 'Opaque, stable cursor of this edge.' })
    cursor!: string;
  }

  @ObjectType(`${name}Connection`, { description: `A page of ${name} items the caller may see.` })
  class ConnectionType {
    @Field(() => [Edge], { description: 'The items of this page.' })
    edges!: Edge[];

    @Field(() => PageInfo, { description: 'Paging information.' })
    pageInfo!: PageInfo;

    @Field(() => Int, { description: 'Number of items matching the filter that the caller may see (all pages).' })
    totalCount!: number;
  }
  return ConnectionType;
}

export interface Page<T> {
  edges: { node: T; cursor: string }[];
  pageInfo: PageInfo;
  totalCount: number;
}

/**
 * Cursors are opaque: base64url of a kind prefix and the row's position in the listing order. Forged or
 * foreign cursors are refused with BAD_USER_INPUT naming the cursor.
 */
export const encodeCursor = (kind: string, position: number): string =>
  Buffer.from(`${kind}:${position}`, 'utf8').toString('base64url');

export function decodeCursor(kind: string, cursor: string | null | undefined): number | null {
  if (cursor === null || cursor === undefined) return null;
  const raw = Buffer.from(cursor, 'base64url').toString('utf8');
  const m = new RegExp(`^${kind}:(\\d{1,15})$`).exec(raw);
  if (!m) throw badInput(`Invalid cursor "${cursor}": not a cursor of this ${kind} listing`);
  return Number(m[1]);
}

export function pageSize(first: number | null | undefined, dflt: number, max: number): number {
  if (first === null || first === undefined) return dflt;
  if (!Number.isInteger(first) || first < 1 || first > max) {
    throw badInput(`Invalid page size first=${first}: expected 1 to ${max}`, { max });
  }
  return first;
}

/** Builds a page from rows fetched with limit+1 (the extra row only tells whether more follow). */
/**
 * Does the selection of this field (e.g. a connection) include `name` at its top level (fragments
 * included)? Used to count only when the client asks for totalCount.
 */
export function selects(info: GraphQLResolveInfo, name: string): boolean {
  const visit = (set: SelectionSetNode | undefined): boolean =>
    !!set?.selections.some((s) =>
      s.kind === Kind.FIELD
        ? s.name.value === name
        : s.kind === Kind.INLINE_FRAGMENT
          ? visit(s.selectionSet)
          : visit(info.fragments[s.name.value]?.selectionSet),
    );
  return info.fieldNodes.some((n) => visit(n.selectionSet));
}

export async function toPage<T extends { id: number }>(
  kind: string,
  rows: T[],
  limit: number,
  count: (() => Promise<number>) | null,
  opts: { firstPage?: boolean } = {},
): Promise<Page<T>> {
  // A first page that is not full holds every match: its length is the total (no count query).
  const totalCount = count ? (opts.firstPage && rows.length <= limit ? rows.length : await count()) : -1;
  const items = rows.slice(0, limit);
  const edges = items.map((node) => ({ node, cursor: encodeCursor(kind, node.id) }));
  return {
    edges,
    pageInfo: { hasNextPage: rows.length > limit, endCursor: edges.length ? edges[edges.length - 1].cursor : null },
    totalCount,
  };
}
