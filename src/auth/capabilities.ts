import { Role } from '../shared/enums';
import { forbidden } from '../shared/errors';
import { Actor, isSiteAdmin } from './actor';

/**
 * Coarse capability gates (first tier of authorisation). Fine-grained visibility lives in policy.ts.
 * The mapping follows MISP's default roles.
 */
export const CAPABILITIES = [
  'site:admin', // manage organisations, every user, every key, hub settings
  'org:admin', // manage users and keys of the own organisation
  'event:write', // create and edit events and attributes of the own organisation
  'event:publish', // publish / unpublish
  'tag:write', // create tags, tag and untag
  'sharing-group:write', // create and edit sharing groups
  'sync', // replicate on behalf of other creator organisations
  'sighting:add', // report sightings (MISP perm_sighting)
] as const;
export type Capability = (typeof CAPABILITIES)[number];

const ROLE_CAPABILITIES: Record<Role, readonly Capability[]> = {
  [Role.ADMIN]: CAPABILITIES,
  [Role.ORG_ADMIN]: ['org:admin', 'event:write', 'event:publish', 'tag:write', 'sharing-group:write', 'sighting:add'],
  [Role.PUBLISHER]: ['event:write', 'event:publish', 'tag:write', 'sighting:add'],
  [Role.USER]: ['event:write', 'tag:write', 'sighting:add'],
  [Role.SYNC_USER]: ['event:write', 'event:publish', 'tag:write', 'sharing-group:write', 'sync', 'sighting:add'],
  [Role.READ_ONLY]: [],
};

export const roleCan = (role: Role, cap: Capability): boolean => ROLE_CAPABILITIES[role].includes(cap);

/**
 * The first-tier gate shared by every transport (GraphQL's `@Authorized('cap')`, the MISP REST routes):
 * the system, site admins and roles holding `cap` pass; anyone else is FORBIDDEN.
 */
export function requireCapability(actor: Actor, cap: Capability): void {
  if (!CAPABILITIES.includes(cap)) throw new Error(`Unknown capability ${cap}`);
  const ok = actor.kind === 'system' || isSiteAdmin(actor) || roleCan(actor.role, cap);
  if (!ok) throw forbidden(`Your role ${actor.kind === 'user' ? actor.role : ''} may not do this (needs ${cap})`);
}
