import { Role } from '../shared/enums';

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
