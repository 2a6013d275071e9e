import { EntityManager } from '@mikro-orm/core';
import { attributeVisibilityFilter, eventVisibilityFilter, TagLinkFacts } from '../../auth/policy';
import { Scope } from '../../graphql/scope';
import { AppError, badInput, conflict, forbidden } from '../../shared/errors';
import { CreateTagInput } from './tag.inputs';
import { AppliedTag } from './tag.types';
import { AttributeTag, EventTag, Tag } from './tag.entity';

export const tagKey = (name: string) => name.trim().toLowerCase();

export function checkTagName(name: string): string {
  const n = name.trim();
  if (!n.length || n.length > 255) throw badInput(`Invalid tag name "${name.slice(0, 100)}": expected 1 to 255 characters`);
  return n;
}

/** Finds tags by name (case-insensitively), creating the missing ones. */
export async function findOrCreateTags(em: EntityManager, names: readonly string[]): Promise<Tag[]> {
  const wanted = new Map<string, string>();
  for (const raw of names) {
    const n = checkTagName(raw);
    if (!wanted.has(tagKey(n))) wanted.set(tagKey(n), n);
  }
  if (!wanted.size) return [];
  const existing = await em.find(Tag, { nameKey: { $in: [...wanted.keys()] } });
  const byKey = new Map(existing.map((t) => [t.nameKey, t]));
  for (const [key, name] of wanted) {
    if (!byKey.has(key)) byKey.set(key, em.create(Tag, { name, nameKey: key } as Tag));
  }
  return [...wanted.keys()].map((k) => byKey.get(k)!);
}

/**
 * Tags the viewer may know of: those on an event or attribute it can see. Site admins see every tag.
 * (A tag used only on data you cannot see is absent, like the data.)
 */
export async function listTags(scope: Scope): Promise<Tag[]> {
  if (scope.viewer.siteAdmin) return scope.em.find(Tag, {}, { orderBy: { nameKey: 'asc' } });
  const [onEvents, onAttributes] = await Promise.all([
    scope.em.find(EventTag, { event: eventVisibilityFilter(scope.viewer) }, { fields: ['tag'] }),
    scope.em.find(AttributeTag, { attribute: attributeVisibilityFilter(scope.viewer) }, { fields: ['tag'] }),
  ]);
  const ids = new Set([...onEvents, ...onAttributes].map((t) => t.tag.id));
  if (!ids.size) return [];
  return scope.em.find(Tag, { id: { $in: [...ids] } }, { orderBy: { nameKey: 'asc' } });
}

export async function createTag(scope: Scope, input: CreateTagInput): Promise<Tag> {
  const name = checkTagName(input.name);
  if (await scope.em.count(Tag, { nameKey: tagKey(name) })) throw conflict(`A tag named "${name}" already exists`);
  const tag = scope.em.create(Tag, {
    name,
    nameKey: tagKey(name),
    colour: input.colour?.toLowerCase() ?? '#999999',
    exportable: input.exportable ?? true,
  } as Tag);
  await scope.em.flush();
  return tag;
}

export const applied = (link: { tag: Tag; local: boolean }): AppliedTag => ({
  id: link.tag.uuid,
  name: link.tag.name,
  colour: link.tag.colour,
  exportable: link.tag.exportable,
  local: link.local,
});

/** The facts of a link the tag rules (policy.ts tagDecision, canRemoveTagLink) look at. */
export const tagLinkFacts = (link: EventTag | AttributeTag): TagLinkFacts => ({ local: link.local, orgId: link.org?.id ?? null });

/** A local tagging that would take over a link that is not the caller's own local one. */
export function tagLinkConflict(target: string, tagName: string, existing: EventTag | AttributeTag): AppError {
  return conflict(
    existing.local
      ? `Tag "${tagName}" is already on ${target} as a local tag of another organisation`
      : `Tag "${tagName}" is already a global tag of ${target}: a local tag never replaces a global one`,
  );
}

export const localTagRefusal = (target: string, tagName: string): AppError =>
  forbidden(`Tag "${tagName}" on ${target} is a local tag of another organisation: only that organisation may remove it`);
