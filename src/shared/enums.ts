import { registerEnumType } from 'type-graphql';

/** MISP's distribution levels, with MISP's numbers (they are what partners and feeds speak). */
export enum Distribution {
  ORGANISATION_ONLY = 0,
  COMMUNITY_ONLY = 1,
  CONNECTED_COMMUNITIES = 2,
  ALL_COMMUNITIES = 3,
  SHARING_GROUP = 4,
  INHERIT_EVENT = 5,
}
registerEnumType(Distribution, {
  name: 'Distribution',
  description: 'How far an event or attribute may travel (MISP distribution levels 0–5).',
  valuesConfig: {
    ORGANISATION_ONLY: { description: 'Only the owner organisation (0).' },
    COMMUNITY_ONLY: { description: 'Every organisation on this hub (1).' },
    CONNECTED_COMMUNITIES: { description: 'This hub and the hubs directly connected to it (2).' },
    ALL_COMMUNITIES: { description: 'Everyone, across all connected hubs (3).' },
    SHARING_GROUP: { description: 'Only the members of the given sharing group (4).' },
    INHERIT_EVENT: { description: 'Attributes only: the distribution of the event (5).' },
  },
});

/** MISP roles, with MISP's meaning. */
export enum Role {
  ADMIN = 'ADMIN',
  ORG_ADMIN = 'ORG_ADMIN',
  PUBLISHER = 'PUBLISHER',
  USER = 'USER',
  SYNC_USER = 'SYNC_USER',
  READ_ONLY = 'READ_ONLY',
}
registerEnumType(Role, {
  name: 'Role',
  description: 'A user role (MISP meaning).',
  valuesConfig: {
    ADMIN: { description: 'Site admin: everything, every organisation.' },
    ORG_ADMIN: { description: 'Manages the users and keys of its own organisation; edits and publishes its events.' },
    PUBLISHER: { description: 'Creates, edits and publishes events of its organisation.' },
    USER: { description: 'Creates and edits events of its organisation; cannot publish.' },
    SYNC_USER: { description: 'Used by a peer hub to replicate data; may create locked copies on behalf of other creator orgs.' },
    READ_ONLY: { description: 'Reads what its organisation may see; changes nothing.' },
  },
});

/** MISP threat levels (1 high … 4 undefined). */
export enum ThreatLevel {
  HIGH = 1,
  MEDIUM = 2,
  LOW = 3,
  UNDEFINED = 4,
}
registerEnumType(ThreatLevel, { name: 'ThreatLevel', description: 'Threat level of an event (MISP 1–4).' });

/** MISP analysis states. */
export enum Analysis {
  INITIAL = 0,
  ONGOING = 1,
  COMPLETED = 2,
}
registerEnumType(Analysis, { name: 'Analysis', description: 'Analysis state of an event (MISP 0–2).' });

export enum ChangeKind {
  EVENT = 'EVENT',
  ATTRIBUTE = 'ATTRIBUTE',
  SHARING_GROUP = 'SHARING_GROUP',
  ORGANISATION = 'ORGANISATION',
  TAG = 'TAG',
  SIGHTING = 'SIGHTING',
  OBJECT = 'OBJECT',
  EVENT_REPORT = 'EVENT_REPORT',
  PROPOSAL = 'PROPOSAL',
}
registerEnumType(ChangeKind, { name: 'ChangeKind', description: 'The kind of object a change-log row is about.' });

export enum ChangeOp {
  CREATED = 'CREATED',
  UPDATED = 'UPDATED',
  DELETED = 'DELETED',
  PUBLISHED = 'PUBLISHED',
  UNPUBLISHED = 'UNPUBLISHED',
}
registerEnumType(ChangeOp, { name: 'ChangeOp', description: 'What happened to the object.' });
