/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** One attribute to add to an event. */
export type AddAttributeInput = {
  /** Category; the type's default category when absent. */
  category?: string | null | undefined;
  /** Analyst comment. */
  comment?: string | null | undefined;
  /** Exclude from correlation (default false). */
  disableCorrelation?: boolean | null | undefined;
  /** Distribution (default INHERIT_EVENT). */
  distribution?: Distribution | null | undefined;
  /** Event uuid. */
  eventId: string;
  /** First seen in the wild. */
  firstSeen?: string | null | undefined;
  /** Last seen in the wild. */
  lastSeen?: string | null | undefined;
  /** Sharing group uuid; required exactly when distribution is SHARING_GROUP. */
  sharingGroupId?: string | null | undefined;
  /** Tag names (created on first use). */
  tags?: Array<string> | null | undefined;
  /** IDS flag; the type's default when absent. */
  toIds?: boolean | null | undefined;
  /** MISP attribute type, e.g. ip-dst, domain, sha256. */
  type: string;
  /** Uuid to use; random when absent. */
  uuid?: string | null | undefined;
  /** The value; validated and normalised for its type. */
  value: string;
};

/** A new event report (MISP EventReport). The event becomes unpublished. */
export type AddEventReportInput = {
  /** Markdown content (line breaks and tabs allowed), at most EVENT_REPORT_MAX_BYTES bytes of UTF-8. */
  content: string;
  /** Distribution (default INHERIT_EVENT). */
  distribution?: Distribution | null | undefined;
  /** Event uuid. */
  eventId: string;
  /** Title: 1 to 255 characters, one line. */
  name: string;
  /** Sharing group uuid; required exactly when distribution is SHARING_GROUP. */
  sharingGroupId?: string | null | undefined;
};

/** A MISP object to add to an event, with its attributes and references (all or nothing). */
export type AddObjectInput = {
  /** The object's attributes (at least one; at most MAX_BULK_ATTRIBUTES). */
  attributes: Array<ObjectAttributeInput>;
  /** Analyst comment. */
  comment?: string | null | undefined;
  /** What the object describes; the template's description when absent. */
  description?: string | null | undefined;
  /** Distribution (default INHERIT_EVENT). */
  distribution?: Distribution | null | undefined;
  /** Event uuid. */
  eventId: string;
  /** First seen in the wild. */
  firstSeen?: string | null | undefined;
  /** Last seen in the wild. */
  lastSeen?: string | null | undefined;
  /** MISP meta-category (e.g. file, network); the template's when absent. */
  metaCategory?: string | null | undefined;
  /** Template name, e.g. file, domain-ip, email. */
  name: string;
  /** References from this object to objects or attributes of the same event (its own attributes included). */
  references?: Array<ObjectReferenceInput> | null | undefined;
  /** Sharing group uuid; required exactly when distribution is SHARING_GROUP. */
  sharingGroupId?: string | null | undefined;
  /** Uuid of the MISP object template; the known template of `name` when absent. */
  templateUuid?: string | null | undefined;
  /** Version of the MISP object template. */
  templateVersion?: string | null | undefined;
  /** Uuid to use; random when absent. */
  uuid?: string | null | undefined;
};

/** A reference to add to an existing object. */
export type AddObjectReferenceInput = {
  /** Analyst comment. */
  comment?: string | null | undefined;
  /** Uuid of the source object. */
  objectId: string;
  /** Relationship, e.g. related-to, drops, communicates-with. */
  relationshipType: string;
  /** Uuid of the referenced object or attribute (in the same event, as MISP requires). */
  targetId: string;
  /** Uuid to use; random when absent. */
  uuid?: string | null | undefined;
};

/** Adds an organisation to a sharing group. */
export type AddSharingGroupOrganisationInput = {
  /** May this organisation add further members? (default false) */
  extend?: boolean | null | undefined;
  /** Organisation uuid. */
  organisationId: string;
  /** Sharing group uuid. */
  sharingGroupId: string;
};

/** A sighting to add: on one attribute (attributeId) or on every attribute with a value (value) that the caller may see. */
export type AddSightingInput = {
  /** Attribute uuid (give this or value). */
  attributeId?: string | null | undefined;
  /** Where it was seen (sensor, tool); at most 255 characters. */
  source?: string | null | undefined;
  /** When it was seen (default now; not in the future). */
  timestamp?: string | null | undefined;
  /** What is reported. */
  type: SightingType;
  /** A value: every visible attribute with exactly this value gets the sighting (give this or attributeId). */
  value?: string | null | undefined;
};

/** Analysis state of an event (MISP 0–2). */
export type Analysis =
  | 'COMPLETED'
  | 'INITIAL'
  | 'ONGOING';

/** Which attributes to list. Every condition must hold (AND); lists match any of their values. */
export type AttributeFilter = {
  /** Categories. */
  category?: Array<string> | null | undefined;
  /** IP types (ip-src, ip-dst, ip-src|port, ip-dst|port, the IP of domain|ip): the address or CIDR block lies inside any of these blocks (e.g. `10.0.0.0/8`, `2001:db8::/32`, or one address). At most 100 blocks. */
  cidr?: Array<string> | null | undefined;
  /** Creator organisation uuids of the event. */
  creatorOrgId?: Array<string> | null | undefined;
  /** Event date on or after. */
  dateFrom?: string | null | undefined;
  /** Event date on or before. */
  dateTo?: string | null | undefined;
  /** true: only soft-deleted attributes (owner organisation and sync users); false (default): only live ones. */
  deleted?: boolean | null | undefined;
  /** Attribute distribution levels. */
  distribution?: Array<Distribution> | null | undefined;
  /** Only attributes of this event (uuid). */
  eventId?: string | null | undefined;
  /** The event last changed within this range. */
  eventTimestamp?: TimeRange | null | undefined;
  /** Only attributes of MISP objects with any of these names (e.g. file, domain-ip). */
  objectName?: Array<string> | null | undefined;
  /** Relation names inside a MISP object (e.g. filename, sha256). */
  objectRelation?: Array<string> | null | undefined;
  /** The event was last published within this range. */
  publishTimestamp?: TimeRange | null | undefined;
  /** The event is published. */
  published?: boolean | null | undefined;
  /** Text found in the value, the comment, the event info or a tag name of the attribute or its event (contains; `%` wildcards). */
  quickFilter?: string | null | undefined;
  /** Tags with AND / OR / NOT (on the attribute or its event). */
  tagFilter?: TagFilter | null | undefined;
  /** Attribute or its event carries any of these tags (case-insensitive); a name starting with `!` excludes that tag (MISP style). */
  tags?: Array<string> | null | undefined;
  /** Attribute last changed within this range (absolute or relative, e.g. `{ from: "7d" }`). */
  timestamp?: TimeRange | null | undefined;
  /** Attribute changed at or after. */
  timestampFrom?: string | null | undefined;
  /** Attribute changed at or before. */
  timestampTo?: string | null | undefined;
  /** IDS flag. */
  toIds?: boolean | null | undefined;
  /** Attribute types. */
  type?: Array<string> | null | undefined;
  /** Value: exact (indexed; also matched lower-cased and, for IPs, in normal form), or a pattern with `%` wildcards: prefix `evil%`, suffix `%.example.com`, anywhere `%evil%` (at least 2 characters besides `%`). */
  value?: string | null | undefined;
  /** Any of these exact values (at most 10,000), answered by one indexed lookup: "which of these IOCs do we have?". */
  values?: Array<string> | null | undefined;
};

/** An attribute to add to an event (used by addAttributes). */
export type AttributeInput = {
  /** Category; the type's default category when absent. */
  category?: string | null | undefined;
  /** Analyst comment. */
  comment?: string | null | undefined;
  /** Exclude from correlation (default false). */
  disableCorrelation?: boolean | null | undefined;
  /** Distribution (default INHERIT_EVENT). */
  distribution?: Distribution | null | undefined;
  /** First seen in the wild. */
  firstSeen?: string | null | undefined;
  /** Last seen in the wild. */
  lastSeen?: string | null | undefined;
  /** Sharing group uuid; required exactly when distribution is SHARING_GROUP. */
  sharingGroupId?: string | null | undefined;
  /** Tag names (created on first use). */
  tags?: Array<string> | null | undefined;
  /** IDS flag; the type's default when absent. */
  toIds?: boolean | null | undefined;
  /** MISP attribute type, e.g. ip-dst, domain, sha256. */
  type: string;
  /** Uuid to use; random when absent. */
  uuid?: string | null | undefined;
  /** The value; validated and normalised for its type. */
  value: string;
};

/** The kind of object a change-log row is about. */
export type ChangeKind =
  | 'ATTRIBUTE'
  | 'EVENT'
  | 'EVENT_REPORT'
  | 'OBJECT'
  | 'ORGANISATION'
  | 'PROPOSAL'
  | 'SHARING_GROUP'
  | 'SIGHTING'
  | 'TAG';

/** What happened to the object. */
export type ChangeOp =
  | 'CREATED'
  | 'DELETED'
  | 'PUBLISHED'
  | 'UNPUBLISHED'
  | 'UPDATED';

/** A new API key for a user. */
export type CreateApiKeyInput = {
  /** What the key is for. */
  comment?: string | null | undefined;
  /** Expiry instant; the key never expires when absent. */
  expiresAt?: string | null | undefined;
  /** Uuid of the user the key authenticates as. */
  userId: string;
};

/** A new event, created for the caller's organisation. */
export type CreateEventInput = {
  /** Analysis state (default INITIAL). */
  analysis?: Analysis | null | undefined;
  /** Date of the event (default today, UTC). */
  date?: string | null | undefined;
  /** Exclude from correlation (default false). */
  disableCorrelation?: boolean | null | undefined;
  /** Distribution level (not INHERIT_EVENT). */
  distribution: Distribution;
  /** Uuid of an event this one extends. */
  extendsUuid?: string | null | undefined;
  /** Short description. */
  info: string;
  /** Sharing group uuid; required exactly when distribution is SHARING_GROUP. */
  sharingGroupId?: string | null | undefined;
  /** Tag names (created on first use). */
  tags?: Array<string> | null | undefined;
  /** Threat level (default UNDEFINED). */
  threatLevel?: ThreatLevel | null | undefined;
  /** Uuid to use; random when absent. */
  uuid?: string | null | undefined;
};

/** A new feed (site admin). Its data belongs to the hub's host organisation. */
export type CreateFeedInput = {
  /** CSV delimiter: one character, or "\t" for tab (default ","). */
  delimiter?: string | null | undefined;
  /** With fixedEvent: soft-delete values gone from the source (default false). */
  deltaMerge?: boolean | null | undefined;
  /** Distribution of the created events (default ORGANISATION_ONLY; not INHERIT_EVENT). */
  distribution?: Distribution | null | undefined;
  /** Fetched by the schedules (default false). */
  enabled?: boolean | null | undefined;
  /** Skip values matching this regular expression ("/pattern/flags" or a bare pattern). */
  excludeRegex?: string | null | undefined;
  /** Reuse one event for every fetch (default false: a new event per fetch). */
  fixedEvent?: boolean | null | undefined;
  /** Source format. */
  format: FeedFormat;
  /** Extra request headers, "Name: value" each (e.g. an API key of the source); the values are never shown again. */
  headers?: Array<string> | null | undefined;
  /** Unique name. */
  name: string;
  /** true: everything the feed creates has the IDS flag off. */
  overrideIds?: boolean | null | undefined;
  /** Who publishes the feed. */
  provider?: string | null | undefined;
  /** Publish the event after a fetch (default false). */
  publish?: boolean | null | undefined;
  /** MISP feeds: tag and organisation rules. */
  rules?: FeedRulesInput | null | undefined;
  /** Cron expression of the feed's own schedule (e.g. "0 *\/6 * * *"); absent = none. */
  schedule?: string | null | undefined;
  /** Sharing group uuid; required exactly when distribution is SHARING_GROUP. */
  sharingGroupId?: string | null | undefined;
  /** MISP feeds: keep each event's own distribution instead of the feed's (default false). */
  sourceDistribution?: boolean | null | undefined;
  /** Tags applied to the events the feed creates. */
  tags?: Array<string> | null | undefined;
  /** Source: an http(s) URL, a file:// URL or a local path. */
  url: string;
  /** CSV: 1-based value columns (default [1]). */
  valueColumns?: Array<number> | null | undefined;
};

/** A new organisation. */
export type CreateOrganisationInput = {
  /** Free-text description. */
  description?: string | null | undefined;
  /** False for a known remote organisation without users here (default true). */
  local?: boolean | null | undefined;
  /** Unique name. */
  name: string;
  /** Nationality. */
  nationality?: string | null | undefined;
  /** Sector. */
  sector?: string | null | undefined;
  /** Organisation type. */
  type?: string | null | undefined;
  /** Uuid to use (e.g. the organisation's uuid on its own hub); random when absent. */
  uuid?: string | null | undefined;
};

/** A peer to sync with: another hub, or a MISP server. */
export type CreatePeerInput = {
  /** API key of the sync user the peer created for this hub (a MISP server: the 40-character auth key of a user whose role has perm_sync). Stored encrypted, never shown again. */
  apiKey: string;
  /** Same organisation on both sides: no downgrade (default false). */
  internal?: boolean | null | undefined;
  /** The protocol the peer speaks (default HUB). */
  kind?: PeerKind | null | undefined;
  /** Unique name. */
  name: string;
  /** Uuid of the peer hub's organisation here (owner of the copies received from it). */
  organisationId: string;
  /** Pull from the peer (default false). */
  pull?: boolean | null | undefined;
  /** Pull rules as JSON (same shape as pushRules). */
  pullRules?: string | null | undefined;
  /** Push to the peer (default false). */
  push?: boolean | null | undefined;
  /** Push rules as JSON: {"tags":{"OR":[],"NOT":[]},"orgs":{"OR":[],"NOT":[]}}. */
  pushRules?: string | null | undefined;
  /** Cron schedule for automatic pull/push (e.g. "*\/10 * * * *"); none when absent. */
  schedule?: string | null | undefined;
  /** Verify TLS certificates (default true; turn off only for a peer you know). */
  tlsVerify?: boolean | null | undefined;
  /** HUB: GraphQL URL of the peer hub; MISP: base URL of the MISP server (http or https). */
  url: string;
};

/** A new sharing group; the caller's organisation owns it and is a member. */
export type CreateSharingGroupInput = {
  /** Description. */
  description?: string | null | undefined;
  /** Name. */
  name: string;
  /** Uuids of further member organisations. */
  organisationIds?: Array<string> | null | undefined;
  /** Releasability statement. */
  releasability?: string | null | undefined;
  /** Roaming: data may travel to any hub where a member organisation is present (default false). */
  roaming?: boolean | null | undefined;
  /** List this hub with allOrgs: every organisation on this hub becomes a member (default false). */
  thisHubAllOrgs?: boolean | null | undefined;
};

/** A new tag. */
export type CreateTagInput = {
  /** Colour as #rrggbb. */
  colour?: string | null | undefined;
  /** Exportable tags may travel to peers (default true). */
  exportable?: boolean | null | undefined;
  /** Name (unique, case-insensitive), e.g. tlp:green. */
  name: string;
};

/** A new user. */
export type CreateUserInput = {
  /** E-mail address (unique). */
  email: string;
  /** Uuid of the user's organisation. */
  organisationId: string;
  /** Role of the user. */
  role: Role;
};

/** How far an event or attribute may travel (MISP distribution levels 0–5). */
export type Distribution =
  /** Everyone, across all connected hubs (3). */
  | 'ALL_COMMUNITIES'
  /** Every organisation on this hub (1). */
  | 'COMMUNITY_ONLY'
  /** This hub and the hubs directly connected to it (2). */
  | 'CONNECTED_COMMUNITIES'
  /** Attributes only: the distribution of the event (5). */
  | 'INHERIT_EVENT'
  /** Only the owner organisation (0). */
  | 'ORGANISATION_ONLY'
  /** Only the members of the given sharing group (4). */
  | 'SHARING_GROUP';

/** Which events to list. Every condition must hold (AND); lists match any of their values. */
export type EventFilter = {
  /** Contains a visible attribute changed within this range. */
  attributeTimestamp?: TimeRange | null | undefined;
  /** With value/values/cidr: the matching attribute has one of these types (alone: contains an attribute of these types). */
  attributeType?: Array<string> | null | undefined;
  /** Contains a visible IP attribute inside any of these CIDR blocks. */
  cidr?: Array<string> | null | undefined;
  /** Creator organisation uuids. */
  creatorOrgId?: Array<string> | null | undefined;
  /** Event date on or after. */
  dateFrom?: string | null | undefined;
  /** Event date on or before. */
  dateTo?: string | null | undefined;
  /** Distribution levels. */
  distribution?: Array<Distribution> | null | undefined;
  /** Only these event uuids. */
  ids?: Array<string> | null | undefined;
  /** Info contains this text; `%` is a wildcard. */
  info?: string | null | undefined;
  /** Owner organisation uuids. */
  ownerOrgId?: Array<string> | null | undefined;
  /** Last published within this range. */
  publishTimestamp?: TimeRange | null | undefined;
  /** Published or not. */
  published?: boolean | null | undefined;
  /** Text found in the info, an event tag name, or the value or comment of a visible attribute (contains; `%` wildcards). */
  quickFilter?: string | null | undefined;
  /** Event tags with AND / OR / NOT. */
  tagFilter?: TagFilter | null | undefined;
  /** Carries any of these tags (case-insensitive); a name starting with `!` excludes that tag (MISP style). */
  tags?: Array<string> | null | undefined;
  /** Last change within this range (absolute or relative, e.g. `{ from: "12h" }`). */
  timestamp?: TimeRange | null | undefined;
  /** Last change at or after. */
  timestampFrom?: string | null | undefined;
  /** Last change at or before. */
  timestampTo?: string | null | undefined;
  /** Contains a visible attribute with this value (exact, or a `%` pattern as in AttributeFilter.value). */
  value?: string | null | undefined;
  /** Contains a visible attribute with any of these exact values (at most 10,000; one indexed lookup). */
  values?: Array<string> | null | undefined;
};

/** Where a feed fetch is. */
export type FeedFetchPhase =
  /** Finished (see the counts; `error` is set when some events failed). */
  | 'DONE'
  /** Requesting the source (or the MISP manifest). */
  | 'DOWNLOADING'
  /** Stopped with an error; earlier data is intact. */
  | 'FAILED'
  /** The fetch took the feed's lease. */
  | 'STARTED'
  /** Parsing and storing values (MISP: events). */
  | 'STORING';

/** Format of a feed source. */
export type FeedFormat =
  /** CSV: values in the configured 1-based value columns; rows starting with # skipped. */
  | 'CSV'
  /** Free text: indicators detected and typed token by token (refanged). */
  | 'FREETEXT'
  /** A MISP feed: manifest.json plus one <uuid>.json per event. */
  | 'MISP';

/** MISP feeds: which events to take, by tag name and creator organisation (uuid or name); case-insensitive. An empty allow list allows everything; a block match always wins. */
export type FeedRulesInput = {
  /** Take only events created by one of these organisations (uuid or name). */
  orgsAllow?: Array<string> | null | undefined;
  /** Never take events created by one of these organisations (uuid or name). */
  orgsBlock?: Array<string> | null | undefined;
  /** Take only events with at least one of these tags. */
  tagsAllow?: Array<string> | null | undefined;
  /** Never take events with any of these tags. */
  tagsBlock?: Array<string> | null | undefined;
};

/** Which galaxy clusters to list. Every condition must hold (AND). */
export type GalaxyClusterFilter = {
  /** Galaxy name, exact (e.g. "Threat Actor"). */
  galaxyName?: string | null | undefined;
  /** Cluster types (= galaxy types), e.g. threat-actor, mitre-attack-pattern. */
  type?: Array<string> | null | undefined;
  /** Value: exact, or a pattern with `%` wildcards (e.g. `APT%`, `%bear%`). */
  value?: string | null | undefined;
};

/** An attribute of a MISP object: an attribute with its relation name inside the object (e.g. filename, sha256, ip-dst). */
export type ObjectAttributeInput = {
  /** Category; the type's default category when absent. */
  category?: string | null | undefined;
  /** Analyst comment. */
  comment?: string | null | undefined;
  /** Exclude from correlation (default false). */
  disableCorrelation?: boolean | null | undefined;
  /** Distribution (default INHERIT_EVENT). */
  distribution?: Distribution | null | undefined;
  /** First seen in the wild. */
  firstSeen?: string | null | undefined;
  /** Last seen in the wild. */
  lastSeen?: string | null | undefined;
  /** The relation of this attribute in the object (a relation of the object's template). */
  objectRelation: string;
  /** Sharing group uuid; required exactly when distribution is SHARING_GROUP. */
  sharingGroupId?: string | null | undefined;
  /** Tag names (created on first use). */
  tags?: Array<string> | null | undefined;
  /** IDS flag; the type's default when absent. */
  toIds?: boolean | null | undefined;
  /** MISP attribute type, e.g. ip-dst, domain, sha256. */
  type: string;
  /** Uuid to use; random when absent. */
  uuid?: string | null | undefined;
  /** The value; validated and normalised for its type. */
  value: string;
};

/** A reference from an object to another object or attribute of the same event. */
export type ObjectReferenceInput = {
  /** Analyst comment. */
  comment?: string | null | undefined;
  /** Relationship, e.g. related-to, drops, communicates-with. */
  relationshipType: string;
  /** Uuid of the referenced object or attribute (in the same event, as MISP requires). */
  targetId: string;
  /** Uuid to use; random when absent. */
  uuid?: string | null | undefined;
};

/** The protocol a peer speaks (README "Federation protocol", MISP servers as peers). */
export type PeerKind =
  /** Another hub: the GraphQL sync protocol (syncIndex, syncEvents, pushEvents …); the url is its /graphql endpoint. */
  | 'HUB'
  /** A MISP server (or a hub's MISP REST layer): MISP's own sync requests (events/index, events/view, events/add|edit with metadata, sightings); the url is its base URL. */
  | 'MISP';

/** A proposed change to an attribute; absent fields keep the attribute's current values (as MISP). At least one field must be given. The type of an attribute is not changed (propose a new attribute and the deletion of this one instead). */
export type ProposeAttributeChangeInput = {
  /** Attribute uuid. */
  attributeId: string;
  /** New category (allowed for the type). */
  category?: string | null | undefined;
  /** New comment. */
  comment?: string | null | undefined;
  /** New first seen. */
  firstSeen?: string | null | undefined;
  /** New last seen. */
  lastSeen?: string | null | undefined;
  /** New IDS flag. */
  toIds?: boolean | null | undefined;
  /** New value (validated for the attribute's type). */
  value?: string | null | undefined;
};

/** A proposed new attribute for an event (MISP ShadowAttribute); the event's editors accept or discard it. */
export type ProposeAttributeInput = {
  /** Category; the type's default category when absent. */
  category?: string | null | undefined;
  /** Comment. */
  comment?: string | null | undefined;
  /** Event uuid. */
  eventId: string;
  /** First seen. */
  firstSeen?: string | null | undefined;
  /** Last seen. */
  lastSeen?: string | null | undefined;
  /** IDS flag; the type's default when absent. */
  toIds?: boolean | null | undefined;
  /** MISP attribute type, e.g. ip-dst, domain, sha256. */
  type: string;
  /** The value; validated and normalised for its type. */
  value: string;
};

/** A user role (MISP meaning). */
export type Role =
  /** Site admin: everything, every organisation. */
  | 'ADMIN'
  /** Manages the users and keys of its own organisation; edits and publishes its events. */
  | 'ORG_ADMIN'
  /** Creates, edits and publishes events of its organisation. */
  | 'PUBLISHER'
  /** Reads what its organisation may see; changes nothing. */
  | 'READ_ONLY'
  /** Used by a peer hub to replicate data; may create locked copies on behalf of other creator orgs. */
  | 'SYNC_USER'
  /** Creates and edits events of its organisation; cannot publish. */
  | 'USER';

/** What a sighting reports (MISP sighting types 0–2). */
export type SightingType =
  /** The value is reported as expired: no longer a valid indicator (2). */
  | 'EXPIRATION'
  /** The value was reported as a false positive (1). */
  | 'FALSE_POSITIVE'
  /** The value was seen (0). */
  | 'SIGHTING';

/** An attribute as it travels (tombstones included). */
export type SyncAttributeInput = {
  /** Category. */
  category: string;
  /** Comment. */
  comment?: string | null | undefined;
  /** attachment / malware-sample: the file, base64 (a malware sample is the encrypted zip MISP makes, opened with "infected"). */
  data?: string | null | undefined;
  /** Tombstone. */
  deleted: boolean;
  /** Excluded from correlation. */
  disableCorrelation: boolean;
  /** Distribution. */
  distribution: Distribution;
  /** First seen. */
  firstSeen?: string | null | undefined;
  /** Attribute uuid. */
  id: string;
  /** Last seen. */
  lastSeen?: string | null | undefined;
  /** Uuid of the MISP object it belongs to (one of the event's `objects`); null for a plain attribute. */
  objectId?: string | null | undefined;
  /** Object relation. */
  objectRelation?: string | null | undefined;
  /** Sharing group (with distribution SHARING_GROUP). */
  sharingGroup?: SyncSharingGroupInput | null | undefined;
  /** Sightings of this attribute (MISP JSON imports; hub sync sends sightings as deltas). */
  sightings?: Array<SyncSightingInput> | null | undefined;
  /** Tags. */
  tags: Array<SyncTagInput>;
  /** Last change (newer wins). */
  timestamp: string;
  /** IDS flag. */
  toIds: boolean;
  /** Attribute type. */
  type: string;
  /** Value. */
  value: string;
};

/** A full event as it travels between hubs. */
export type SyncEventInput = {
  /** Analysis state. */
  analysis: Analysis;
  /** Attributes, tombstones included (object attributes name their object in `objectId`). */
  attributes: Array<SyncAttributeInput>;
  /** Creator organisation (kept across hubs). */
  creatorOrg: SyncOrganisationInput;
  /** Event date. */
  date: string;
  /** Event tombstone: the event was deleted at its source. */
  deleted: boolean;
  /** Excluded from correlation. */
  disableCorrelation: boolean;
  /** Distribution. */
  distribution: Distribution;
  /** Uuid of an event this one extends. */
  extendsUuid?: string | null | undefined;
  /** Galaxy clusters carried by the tags of the event and its attributes. */
  galaxyClusters?: Array<SyncGalaxyClusterInput> | null | undefined;
  /** Event uuid. */
  id: string;
  /** Info. */
  info: string;
  /** MISP objects, tombstones included (absent from peers of protocol 1.0). */
  objects?: Array<SyncObjectInput> | null | undefined;
  /** Proposals (MISP ShadowAttributes). */
  proposals?: Array<SyncProposalInput> | null | undefined;
  /** Published (only published events travel). */
  published: boolean;
  /** Last publication. */
  publishedAt?: string | null | undefined;
  /** Event reports, tombstones included. */
  reports?: Array<SyncEventReportInput> | null | undefined;
  /** Sharing group (with distribution SHARING_GROUP). */
  sharingGroup?: SyncSharingGroupInput | null | undefined;
  /** Tags. */
  tags: Array<SyncTagInput>;
  /** Threat level. */
  threatLevel: ThreatLevel;
  /** Last change (newer wins). */
  timestamp: string;
};

/** An event report as it travels. */
export type SyncEventReportInput = {
  /** Markdown content. */
  content: string;
  /** Tombstone. */
  deleted: boolean;
  /** Distribution. */
  distribution: Distribution;
  /** Report uuid. */
  id: string;
  /** Name. */
  name: string;
  /** Sharing group (with distribution SHARING_GROUP). */
  sharingGroup?: SyncSharingGroupInput | null | undefined;
  /** Last change (newer wins). */
  timestamp: string;
};

/** A galaxy cluster as MISP exports it (carried by its tag). */
export type SyncGalaxyClusterInput = {
  /** The cluster as MISP exports it (type, value, description, meta …), JSON. */
  data: string;
  /** The galaxy (MISP Galaxy without its cluster list), JSON. */
  galaxy: string;
  /** Cluster uuid. */
  id: string;
  /** Its tag name (misp-galaxy:…). */
  tagName: string;
  /** MISP cluster version (newer replaces). */
  version?: string | null | undefined;
};

/** A hub listed as a member instance of a sharing group. */
export type SyncHubInput = {
  /** Every organisation on that hub is a member. */
  allOrgs: boolean;
  /** Hub uuid (its hubInfo id). */
  id: string;
};

/** A MISP object as it travels. */
export type SyncObjectInput = {
  /** Comment. */
  comment?: string | null | undefined;
  /** Tombstone. */
  deleted: boolean;
  /** Description. */
  description?: string | null | undefined;
  /** Distribution. */
  distribution: Distribution;
  /** First seen. */
  firstSeen?: string | null | undefined;
  /** Object uuid. */
  id: string;
  /** Last seen. */
  lastSeen?: string | null | undefined;
  /** Meta-category. */
  metaCategory: string;
  /** Template name. */
  name: string;
  /** References from this object. */
  references: Array<SyncObjectReferenceInput>;
  /** Sharing group (with distribution SHARING_GROUP). */
  sharingGroup?: SyncSharingGroupInput | null | undefined;
  /** Template uuid. */
  templateUuid?: string | null | undefined;
  /** Template version. */
  templateVersion?: string | null | undefined;
  /** Last change (newer wins per object). */
  timestamp: string;
};

/** A MISP object reference as it travels. */
export type SyncObjectReferenceInput = {
  /** Comment. */
  comment?: string | null | undefined;
  /** Tombstone. */
  deleted: boolean;
  /** Reference uuid. */
  id: string;
  /** Relationship type. */
  relationshipType: string;
  /** Uuid of the referenced object or attribute. */
  targetId: string;
  /** Last change (newer wins). */
  timestamp: string;
};

/** An organisation as it travels: uuid and name. */
export type SyncOrganisationInput = {
  /** Organisation uuid. */
  id: string;
  /** Organisation name. */
  name: string;
};

/** A proposal (MISP ShadowAttribute) as it travels. */
export type SyncProposalInput = {
  /** Uuid of the attribute it changes or deletes; null for a new attribute. */
  attributeId?: string | null | undefined;
  /** Category. */
  category: string;
  /** Comment. */
  comment?: string | null | undefined;
  /** Tombstone (discarded or accepted). */
  deleted: boolean;
  /** First seen. */
  firstSeen?: string | null | undefined;
  /** Proposal uuid. */
  id: string;
  /** Last seen. */
  lastSeen?: string | null | undefined;
  /** Object relation. */
  objectRelation?: string | null | undefined;
  /** Proposing organisation. */
  org: SyncOrganisationInput;
  /** A proposal to delete the attribute. */
  proposalToDelete: boolean;
  /** Last change (newer wins). */
  timestamp: string;
  /** IDS flag. */
  toIds: boolean;
  /** Type. */
  type: string;
  /** Value. */
  value: string;
};

/** A sharing group travelling with its data (captured by uuid). */
export type SyncSharingGroupInput = {
  /** Description. */
  description?: string | null | undefined;
  /** Member hubs (by hub uuid). */
  hubs: Array<SyncHubInput>;
  /** Sharing group uuid. */
  id: string;
  /** Name. */
  name: string;
  /** Member organisations. */
  organisations: Array<SyncOrganisationInput>;
  /** Owner organisation. */
  ownerOrg: SyncOrganisationInput;
  /** Releasability. */
  releasability?: string | null | undefined;
  /** Roaming group. */
  roaming: boolean;
  /** Last change of the group. */
  timestamp: string;
};

/** A sighting as it travels. */
export type SyncSightingInput = {
  /** When it was seen. */
  at: string;
  /** Uuid of the sighted attribute (sighting deltas; implied inside an attribute). */
  attributeId?: string | null | undefined;
  /** Sighting uuid. */
  id: string;
  /** Reporting organisation. */
  org?: SyncOrganisationInput | null | undefined;
  /** Source. */
  source?: string | null | undefined;
  /** SIGHTING, FALSE_POSITIVE or EXPIRATION. */
  type: string;
};

/** Why a sync write was refused (README "Federation protocol", Receiving: who may write through sync). */
export type SyncSkipReason =
  /** An attachment / malware-sample file that is not valid base64 or exceeds ATTACHMENT_MAX_BYTES; the attribute is kept without it. */
  | 'ATTACHMENT_INVALID'
  /** A second live attribute of the event (outside objects) with the same type, category and value; left out. */
  | 'ATTRIBUTE_DUPLICATE'
  /** An attribute with an unknown type or an invalid value; left out. */
  | 'ATTRIBUTE_INVALID'
  /** An attribute of an object that was refused; left out with it. */
  | 'ATTRIBUTE_OBJECT_REFUSED'
  /** An attribute naming an object that is neither in the payload nor stored in the event; left out. */
  | 'ATTRIBUTE_OBJECT_UNKNOWN'
  /** An attribute in a sharing group the sender's organisation is not a member of; left out. */
  | 'ATTRIBUTE_SHARING_GROUP_NOT_MEMBER'
  /** An attribute uuid belonging to another event here; never moved or overwritten. */
  | 'ATTRIBUTE_UUID_TAKEN'
  /** A galaxy cluster with a field that cannot be stored; not stored. */
  | 'CLUSTER_INVALID'
  /** A galaxy cluster whose tag is on neither the event nor any of its attributes; not stored. */
  | 'CLUSTER_TAG_MISSING'
  /** The event was created on this hub; a peer never overwrites or deletes it. */
  | 'LOCAL_EVENT'
  /** MISP peers: an answer that is not a MISP event this hub can take (unparsable, no creator organisation, another uuid than asked for); skipped. */
  | 'MISP_EVENT_INVALID'
  /** MISP peers: an event whose answer exceeded PEER_MAX_RESPONSE_BYTES; skipped. */
  | 'MISP_EVENT_TOO_LARGE'
  /** MISP peers: an event, attribute, object or report shared with a sharing group whose members were not sent; left out. */
  | 'MISP_SHARING_GROUP_UNDESCRIBED'
  /** The copy here was received from another organisation; only that one may change or delete it. */
  | 'NOT_SENDERS_COPY'
  /** A MISP object (or one of its references) with a field that cannot be stored; left out with its attributes. */
  | 'OBJECT_INVALID'
  /** A MISP object in a sharing group the sender's organisation is not a member of; left out with its attributes. */
  | 'OBJECT_SHARING_GROUP_NOT_MEMBER'
  /** A MISP object uuid belonging to another event here; never moved (its attributes are left out with it). */
  | 'OBJECT_UUID_TAKEN'
  /** A proposal with an unknown type or an invalid value; left out. */
  | 'PROPOSAL_INVALID'
  /** A proposal uuid belonging to another event here; never moved. */
  | 'PROPOSAL_UUID_TAKEN'
  /** An event report with a field that cannot be stored; left out. */
  | 'REPORT_INVALID'
  /** An event report in a sharing group the sender's organisation is not a member of; left out. */
  | 'REPORT_SHARING_GROUP_NOT_MEMBER'
  /** An event report uuid belonging to another event here; never moved. */
  | 'REPORT_UUID_TAKEN'
  /** A sharing group listing this hub with allOrgs where it does not already; stored without allOrgs. */
  | 'SHARING_GROUP_ALL_ORGS_REFUSED'
  /** The event's sharing group does not list the sender's organisation as a member here. */
  | 'SHARING_GROUP_NOT_MEMBER'
  /** A newer version of a sharing group the sender does not own here; the group here is kept. */
  | 'SHARING_GROUP_NOT_OWNER'
  /** A sharing group update leaving out or replacing the owner organisation; the owner is kept. */
  | 'SHARING_GROUP_OWNER_KEPT'
  /** A sighting without an organisation or with an unknown type; left out. */
  | 'SIGHTING_INVALID'
  /** A sighting uuid belonging to another attribute here; left out. */
  | 'SIGHTING_UUID_TAKEN';

/** A tag travelling with an event or attribute. */
export type SyncTagInput = {
  /** Colour #rrggbb. */
  colour?: string | null | undefined;
  /** Tag name. */
  name: string;
};

/** Tag conditions, case-insensitive, all of which must hold: every tag of `all`, at least one of `any`, none of `none`. For attributes a tag counts when it is on the attribute or on its event. */
export type TagFilter = {
  /** Carries every one of these tags (AND). */
  all?: Array<string> | null | undefined;
  /** Carries at least one of these tags (OR). */
  any?: Array<string> | null | undefined;
  /** Carries none of these tags (NOT). */
  none?: Array<string> | null | undefined;
};

/** Attaches a tag (created on first use) to an event or attribute. */
export type TagTargetInput = {
  /** Uuid of the event or attribute. */
  id: string;
  /** A local tag stays on this hub and never travels (default false). Any organisation that can see the data may add local tags. */
  local?: boolean | null | undefined;
  /** Tag name. */
  tag: string;
};

/** Threat level of an event (MISP 1–4). */
export type ThreatLevel =
  | 'HIGH'
  | 'LOW'
  | 'MEDIUM'
  | 'UNDEFINED';

/** A time range; each bound is an ISO 8601 instant (`2026-01-31T00:00:00Z`), a date (`2026-01-31`, midnight UTC), Unix seconds (`1767225600`) or relative to now: a number and a unit s, m, h, d or w (`30m`, `12h`, `7d`, `2w` = that long ago). */
export type TimeRange = {
  /** At or after this instant (e.g. `7d`: within the last seven days). */
  from?: string | null | undefined;
  /** At or before this instant. */
  to?: string | null | undefined;
};

/** Changes to an attribute; absent fields stay as they are. The event becomes unpublished. */
export type UpdateAttributeInput = {
  /** New category (allowed for the type). */
  category?: string | null | undefined;
  /** New comment. */
  comment?: string | null | undefined;
  /** Exclude from correlation. */
  disableCorrelation?: boolean | null | undefined;
  /** New distribution. */
  distribution?: Distribution | null | undefined;
  /** First seen. */
  firstSeen?: string | null | undefined;
  /** Attribute uuid. */
  id: string;
  /** Last seen. */
  lastSeen?: string | null | undefined;
  /** New sharing group (with distribution SHARING_GROUP). */
  sharingGroupId?: string | null | undefined;
  /** New IDS flag. */
  toIds?: boolean | null | undefined;
  /** New value (validated for the attribute's type). */
  value?: string | null | undefined;
};

/** Changes to an event; absent fields stay as they are. Any change unpublishes the event. */
export type UpdateEventInput = {
  /** New analysis state. */
  analysis?: Analysis | null | undefined;
  /** New date. */
  date?: string | null | undefined;
  /** Exclude from correlation. */
  disableCorrelation?: boolean | null | undefined;
  /** New distribution. */
  distribution?: Distribution | null | undefined;
  /** Event uuid. */
  id: string;
  /** New description. */
  info?: string | null | undefined;
  /** New sharing group (with distribution SHARING_GROUP). */
  sharingGroupId?: string | null | undefined;
  /** New threat level. */
  threatLevel?: ThreatLevel | null | undefined;
};

/** Changes to an event report; absent fields stay as they are. The event becomes unpublished. */
export type UpdateEventReportInput = {
  /** New markdown content (at most EVENT_REPORT_MAX_BYTES bytes). */
  content?: string | null | undefined;
  /** New distribution. */
  distribution?: Distribution | null | undefined;
  /** Report uuid. */
  id: string;
  /** New title. */
  name?: string | null | undefined;
  /** New sharing group (with distribution SHARING_GROUP). */
  sharingGroupId?: string | null | undefined;
};

/** Changes to a feed (site admin); absent fields stay as they are. */
export type UpdateFeedInput = {
  /** CSV: new delimiter. */
  delimiter?: string | null | undefined;
  /** Soft-delete values gone from the source. */
  deltaMerge?: boolean | null | undefined;
  /** New distribution for events created from now on. */
  distribution?: Distribution | null | undefined;
  /** Enable or disable. */
  enabled?: boolean | null | undefined;
  /** New exclude regex ("" removes it). */
  excludeRegex?: string | null | undefined;
  /** Reuse one event for every fetch. */
  fixedEvent?: boolean | null | undefined;
  /** New format. */
  format?: FeedFormat | null | undefined;
  /** New extra request headers, "Name: value" each (replace the old ones; [] removes them). */
  headers?: Array<string> | null | undefined;
  /** Feed uuid. */
  id: string;
  /** New name. */
  name?: string | null | undefined;
  /** IDS flag off on everything the feed creates. */
  overrideIds?: boolean | null | undefined;
  /** New provider. */
  provider?: string | null | undefined;
  /** Publish after a fetch. */
  publish?: boolean | null | undefined;
  /** MISP feeds: new tag and organisation rules (replace the old ones). */
  rules?: FeedRulesInput | null | undefined;
  /** New cron expression of the feed's own schedule ("" removes it). */
  schedule?: string | null | undefined;
  /** New sharing group (with distribution SHARING_GROUP). */
  sharingGroupId?: string | null | undefined;
  /** MISP feeds: keep each event's own distribution. */
  sourceDistribution?: boolean | null | undefined;
  /** New tags (replace the old list). */
  tags?: Array<string> | null | undefined;
  /** New source (the stored ETag / Last-Modified are forgotten). */
  url?: string | null | undefined;
  /** CSV: new 1-based value columns. */
  valueColumns?: Array<number> | null | undefined;
};

/** Changes to an object; absent fields stay as they are. Its attributes are changed with updateAttribute. The event becomes unpublished. */
export type UpdateObjectInput = {
  /** New comment. */
  comment?: string | null | undefined;
  /** New description. */
  description?: string | null | undefined;
  /** New distribution. */
  distribution?: Distribution | null | undefined;
  /** First seen. */
  firstSeen?: string | null | undefined;
  /** Object uuid. */
  id: string;
  /** Last seen. */
  lastSeen?: string | null | undefined;
  /** New sharing group (with distribution SHARING_GROUP). */
  sharingGroupId?: string | null | undefined;
};

/** Changes to a peer; absent fields stay as they are. */
export type UpdatePeerInput = {
  /** New API key. */
  apiKey?: string | null | undefined;
  /** Peer uuid. */
  id: string;
  /** Internal on/off. */
  internal?: boolean | null | undefined;
  /** New name. */
  name?: string | null | undefined;
  /** Pull on/off. */
  pull?: boolean | null | undefined;
  /** Pull rules (JSON). */
  pullRules?: string | null | undefined;
  /** Push on/off. */
  push?: boolean | null | undefined;
  /** Push rules (JSON). */
  pushRules?: string | null | undefined;
  /** Cron schedule ("" to remove). */
  schedule?: string | null | undefined;
  /** TLS verification on/off. */
  tlsVerify?: boolean | null | undefined;
  /** New URL (the handshake runs again). */
  url?: string | null | undefined;
};

/** Changes to a user; absent fields stay as they are. */
export type UpdateUserInput = {
  /** Disable (true) or enable (false) the user; a disabled user cannot authenticate. */
  disabled?: boolean | null | undefined;
  /** The user uuid. */
  id: string;
  /** New role. */
  role?: Role | null | undefined;
};

export type OrgRefFragment = { id: string, name: string };

export type AttributeFieldsFragment = { id: string, type: string, category: string, value: string, toIds: boolean, comment: string | null, distribution: Distribution, deleted: boolean, timestamp: string, sharingGroup: { id: string } | null, event: { id: string }, tags: Array<{ name: string, local: boolean }> };

export type EventFieldsFragment = { id: string, info: string, date: string, distribution: Distribution, threatLevel: ThreatLevel, analysis: Analysis, published: boolean, locked: boolean, timestamp: string, sharingGroup: { id: string, name: string } | null, creatorOrg: { id: string, name: string }, ownerOrg: { id: string, name: string }, tags: Array<{ name: string, local: boolean }> };

export type MeQueryVariables = Exact<{ [key: string]: never; }>;


export type MeQuery = { me: { id: string, email: string, role: Role, organisation: { id: string, name: string } } };

export type HubInfoQueryVariables = Exact<{ [key: string]: never; }>;


export type HubInfoQuery = { hubInfo: { id: string, software: string, protocolVersion: string, organisation: { id: string, name: string } } };

export type OrganisationsQueryVariables = Exact<{ [key: string]: never; }>;


export type OrganisationsQuery = { organisations: Array<{ local: boolean, id: string, name: string }> };

export type CreateOrganisationMutationVariables = Exact<{
  input: CreateOrganisationInput;
}>;


export type CreateOrganisationMutation = { createOrganisation: { id: string, name: string } };

export type CreateUserMutationVariables = Exact<{
  input: CreateUserInput;
}>;


export type CreateUserMutation = { createUser: { id: string, email: string, role: Role, organisation: { id: string, name: string } } };

export type UpdateUserMutationVariables = Exact<{
  input: UpdateUserInput;
}>;


export type UpdateUserMutation = { updateUser: { id: string, role: Role, disabled: boolean } };

export type CreateApiKeyMutationVariables = Exact<{
  input: CreateApiKeyInput;
}>;


export type CreateApiKeyMutation = { createApiKey: { key: string, apiKey: { id: string, last4: string, expiresAt: string | null } } };

export type RevokeApiKeyMutationVariables = Exact<{
  id: string;
}>;


export type RevokeApiKeyMutation = { revokeApiKey: { id: string, revokedAt: string | null } };

export type SharingGroupsQueryVariables = Exact<{ [key: string]: never; }>;


export type SharingGroupsQuery = { sharingGroups: Array<{ id: string, name: string, roaming: boolean, thisHub: boolean, thisHubAllOrgs: boolean, organisations: Array<{ extend: boolean, organisation: { id: string, name: string } }> }> };

export type CreateSharingGroupMutationVariables = Exact<{
  input: CreateSharingGroupInput;
}>;


export type CreateSharingGroupMutation = { createSharingGroup: { id: string, name: string, thisHubAllOrgs: boolean, organisations: Array<{ organisation: { id: string, name: string } }> } };

export type AddSharingGroupOrganisationMutationVariables = Exact<{
  input: AddSharingGroupOrganisationInput;
}>;


export type AddSharingGroupOrganisationMutation = { addSharingGroupOrganisation: { id: string, organisations: Array<{ organisation: { id: string, name: string } }> } };

export type RemoveSharingGroupOrganisationMutationVariables = Exact<{
  sharingGroupId: string;
  organisationId: string;
}>;


export type RemoveSharingGroupOrganisationMutation = { removeSharingGroupOrganisation: { id: string } };

export type AddSharingGroupThisHubMutationVariables = Exact<{
  sharingGroupId: string;
  allOrgs: boolean;
}>;


export type AddSharingGroupThisHubMutation = { addSharingGroupThisHub: { id: string, thisHub: boolean, thisHubAllOrgs: boolean } };

export type CreateEventMutationVariables = Exact<{
  input: CreateEventInput;
}>;


export type CreateEventMutation = { createEvent: { id: string, info: string, date: string, distribution: Distribution, threatLevel: ThreatLevel, analysis: Analysis, published: boolean, locked: boolean, timestamp: string, sharingGroup: { id: string, name: string } | null, creatorOrg: { id: string, name: string }, ownerOrg: { id: string, name: string }, tags: Array<{ name: string, local: boolean }> } };

export type UpdateEventMutationVariables = Exact<{
  input: UpdateEventInput;
}>;


export type UpdateEventMutation = { updateEvent: { id: string, info: string, date: string, distribution: Distribution, threatLevel: ThreatLevel, analysis: Analysis, published: boolean, locked: boolean, timestamp: string, sharingGroup: { id: string, name: string } | null, creatorOrg: { id: string, name: string }, ownerOrg: { id: string, name: string }, tags: Array<{ name: string, local: boolean }> } };

export type DeleteEventMutationVariables = Exact<{
  id: string;
}>;


export type DeleteEventMutation = { deleteEvent: string };

export type PublishEventMutationVariables = Exact<{
  id: string;
}>;


export type PublishEventMutation = { publishEvent: { id: string, published: boolean } };

export type UnpublishEventMutationVariables = Exact<{
  id: string;
}>;


export type UnpublishEventMutation = { unpublishEvent: { id: string, published: boolean } };

export type EventQueryVariables = Exact<{
  id: string;
  includeDeleted?: boolean;
}>;


export type EventQuery = { event: { id: string, info: string, date: string, distribution: Distribution, threatLevel: ThreatLevel, analysis: Analysis, published: boolean, locked: boolean, timestamp: string, attributes: Array<{ id: string, type: string, category: string, value: string, toIds: boolean, comment: string | null, distribution: Distribution, deleted: boolean, timestamp: string, sharingGroup: { id: string } | null, event: { id: string }, tags: Array<{ name: string, local: boolean }> }>, sharingGroup: { id: string, name: string } | null, creatorOrg: { id: string, name: string }, ownerOrg: { id: string, name: string }, tags: Array<{ name: string, local: boolean }> } | null };

export type EventsQueryVariables = Exact<{
  filter?: EventFilter | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type EventsQuery = { events: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ cursor: string, node: { id: string, info: string, date: string, distribution: Distribution, threatLevel: ThreatLevel, analysis: Analysis, published: boolean, locked: boolean, timestamp: string, sharingGroup: { id: string, name: string } | null, creatorOrg: { id: string, name: string }, ownerOrg: { id: string, name: string }, tags: Array<{ name: string, local: boolean }> } }> } };

export type EventsWithAttributesQueryVariables = Exact<{
  filter?: EventFilter | null | undefined;
  first?: number | null | undefined;
}>;


export type EventsWithAttributesQuery = { events: { totalCount: number, edges: Array<{ node: { id: string, info: string, ownerOrg: { id: string, name: string }, creatorOrg: { id: string, name: string }, attributes: Array<{ id: string, type: string, value: string, tags: Array<{ name: string }> }>, tags: Array<{ name: string }> } }> } };

export type AddAttributeMutationVariables = Exact<{
  input: AddAttributeInput;
}>;


export type AddAttributeMutation = { addAttribute: { id: string, type: string, category: string, value: string, toIds: boolean, comment: string | null, distribution: Distribution, deleted: boolean, timestamp: string, sharingGroup: { id: string } | null, event: { id: string }, tags: Array<{ name: string, local: boolean }> } };

export type AddAttributesMutationVariables = Exact<{
  eventId: string;
  attributes: Array<AttributeInput> | AttributeInput;
}>;


export type AddAttributesMutation = { addAttributes: Array<{ id: string, value: string }> };

export type UpdateAttributeMutationVariables = Exact<{
  input: UpdateAttributeInput;
}>;


export type UpdateAttributeMutation = { updateAttribute: { id: string, type: string, category: string, value: string, toIds: boolean, comment: string | null, distribution: Distribution, deleted: boolean, timestamp: string, sharingGroup: { id: string } | null, event: { id: string }, tags: Array<{ name: string, local: boolean }> } };

export type DeleteAttributeMutationVariables = Exact<{
  id: string;
}>;


export type DeleteAttributeMutation = { deleteAttribute: { id: string, deleted: boolean } };

export type AttributeQueryVariables = Exact<{
  id: string;
}>;


export type AttributeQuery = { attribute: { id: string, type: string, category: string, value: string, toIds: boolean, comment: string | null, distribution: Distribution, deleted: boolean, timestamp: string, sharingGroup: { id: string } | null, event: { id: string }, tags: Array<{ name: string, local: boolean }> } | null };

export type AttributesQueryVariables = Exact<{
  filter?: AttributeFilter | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type AttributesQuery = { attributes: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ cursor: string, node: { id: string, type: string, category: string, value: string, toIds: boolean, comment: string | null, distribution: Distribution, deleted: boolean, timestamp: string, sharingGroup: { id: string } | null, event: { id: string }, tags: Array<{ name: string, local: boolean }> } }> } };

export type TagsQueryVariables = Exact<{ [key: string]: never; }>;


export type TagsQuery = { tags: Array<{ id: string, name: string, colour: string, exportable: boolean }> };

export type CreateTagMutationVariables = Exact<{
  input: CreateTagInput;
}>;


export type CreateTagMutation = { createTag: { id: string, name: string, colour: string } };

export type TagEventMutationVariables = Exact<{
  input: TagTargetInput;
}>;


export type TagEventMutation = { tagEvent: { id: string, tags: Array<{ name: string, local: boolean }> } };

export type UntagEventMutationVariables = Exact<{
  id: string;
  tag: string;
}>;


export type UntagEventMutation = { untagEvent: { id: string, tags: Array<{ name: string, local: boolean }> } };

export type TagAttributeMutationVariables = Exact<{
  input: TagTargetInput;
}>;


export type TagAttributeMutation = { tagAttribute: { id: string, tags: Array<{ name: string, local: boolean }> } };

export type UntagAttributeMutationVariables = Exact<{
  id: string;
  tag: string;
}>;


export type UntagAttributeMutation = { untagAttribute: { id: string, tags: Array<{ name: string, local: boolean }> } };

export type FeedFieldsFragment = { id: string, name: string, provider: string, url: string, format: FeedFormat, enabled: boolean, distribution: Distribution, valueColumns: Array<number>, delimiter: string, excludeRegex: string | null, fixedEvent: boolean, deltaMerge: boolean, publish: boolean, overrideIds: boolean | null, tags: Array<string>, sourceDistribution: boolean, schedule: string | null, headerNames: Array<string>, lastFetchAt: string | null, lastDurationMs: number | null, lastNew: number, lastUpdated: number, lastDeleted: number, lastSkipped: number, lastInvalid: number, lastError: string | null, etag: string | null, lastModified: string | null, sharingGroup: { id: string } | null, rules: { tagsAllow: Array<string>, tagsBlock: Array<string>, orgsAllow: Array<string>, orgsBlock: Array<string> }, event: { id: string } | null, organisation: { id: string, name: string } };

export type FeedFetchResultFieldsFragment = { new: number, updated: number, deleted: number, skipped: number, invalid: number, notModified: boolean, eventId: string | null, error: string | null, durationMs: number, refused: boolean, eventsCreated: number, eventsUpdated: number, eventsSkipped: number, eventsFailed: number, problems: Array<string> };

export type FeedsQueryVariables = Exact<{ [key: string]: never; }>;


export type FeedsQuery = { feeds: Array<{ id: string, name: string, provider: string, url: string, format: FeedFormat, enabled: boolean, distribution: Distribution, valueColumns: Array<number>, delimiter: string, excludeRegex: string | null, fixedEvent: boolean, deltaMerge: boolean, publish: boolean, overrideIds: boolean | null, tags: Array<string>, sourceDistribution: boolean, schedule: string | null, headerNames: Array<string>, lastFetchAt: string | null, lastDurationMs: number | null, lastNew: number, lastUpdated: number, lastDeleted: number, lastSkipped: number, lastInvalid: number, lastError: string | null, etag: string | null, lastModified: string | null, sharingGroup: { id: string } | null, rules: { tagsAllow: Array<string>, tagsBlock: Array<string>, orgsAllow: Array<string>, orgsBlock: Array<string> }, event: { id: string } | null, organisation: { id: string, name: string } }> };

export type FeedQueryVariables = Exact<{
  id: string;
}>;


export type FeedQuery = { feed: { id: string, name: string, provider: string, url: string, format: FeedFormat, enabled: boolean, distribution: Distribution, valueColumns: Array<number>, delimiter: string, excludeRegex: string | null, fixedEvent: boolean, deltaMerge: boolean, publish: boolean, overrideIds: boolean | null, tags: Array<string>, sourceDistribution: boolean, schedule: string | null, headerNames: Array<string>, lastFetchAt: string | null, lastDurationMs: number | null, lastNew: number, lastUpdated: number, lastDeleted: number, lastSkipped: number, lastInvalid: number, lastError: string | null, etag: string | null, lastModified: string | null, sharingGroup: { id: string } | null, rules: { tagsAllow: Array<string>, tagsBlock: Array<string>, orgsAllow: Array<string>, orgsBlock: Array<string> }, event: { id: string } | null, organisation: { id: string, name: string } } };

export type CreateFeedMutationVariables = Exact<{
  input: CreateFeedInput;
}>;


export type CreateFeedMutation = { createFeed: { id: string, name: string, provider: string, url: string, format: FeedFormat, enabled: boolean, distribution: Distribution, valueColumns: Array<number>, delimiter: string, excludeRegex: string | null, fixedEvent: boolean, deltaMerge: boolean, publish: boolean, overrideIds: boolean | null, tags: Array<string>, sourceDistribution: boolean, schedule: string | null, headerNames: Array<string>, lastFetchAt: string | null, lastDurationMs: number | null, lastNew: number, lastUpdated: number, lastDeleted: number, lastSkipped: number, lastInvalid: number, lastError: string | null, etag: string | null, lastModified: string | null, sharingGroup: { id: string } | null, rules: { tagsAllow: Array<string>, tagsBlock: Array<string>, orgsAllow: Array<string>, orgsBlock: Array<string> }, event: { id: string } | null, organisation: { id: string, name: string } } };

export type UpdateFeedMutationVariables = Exact<{
  input: UpdateFeedInput;
}>;


export type UpdateFeedMutation = { updateFeed: { id: string, name: string, provider: string, url: string, format: FeedFormat, enabled: boolean, distribution: Distribution, valueColumns: Array<number>, delimiter: string, excludeRegex: string | null, fixedEvent: boolean, deltaMerge: boolean, publish: boolean, overrideIds: boolean | null, tags: Array<string>, sourceDistribution: boolean, schedule: string | null, headerNames: Array<string>, lastFetchAt: string | null, lastDurationMs: number | null, lastNew: number, lastUpdated: number, lastDeleted: number, lastSkipped: number, lastInvalid: number, lastError: string | null, etag: string | null, lastModified: string | null, sharingGroup: { id: string } | null, rules: { tagsAllow: Array<string>, tagsBlock: Array<string>, orgsAllow: Array<string>, orgsBlock: Array<string> }, event: { id: string } | null, organisation: { id: string, name: string } } };

export type DeleteFeedMutationVariables = Exact<{
  id: string;
}>;


export type DeleteFeedMutation = { deleteFeed: string };

export type LoadDefaultFeedsMutationVariables = Exact<{ [key: string]: never; }>;


export type LoadDefaultFeedsMutation = { loadDefaultFeeds: number };

export type FetchFeedMutationVariables = Exact<{
  id: string;
}>;


export type FetchFeedMutation = { fetchFeed: { new: number, updated: number, deleted: number, skipped: number, invalid: number, notModified: boolean, eventId: string | null, error: string | null, durationMs: number, refused: boolean, eventsCreated: number, eventsUpdated: number, eventsSkipped: number, eventsFailed: number, problems: Array<string> } };

export type EnableFeedMutationVariables = Exact<{
  id: string;
}>;


export type EnableFeedMutation = { enableFeed: { id: string, name: string, provider: string, url: string, format: FeedFormat, enabled: boolean, distribution: Distribution, valueColumns: Array<number>, delimiter: string, excludeRegex: string | null, fixedEvent: boolean, deltaMerge: boolean, publish: boolean, overrideIds: boolean | null, tags: Array<string>, sourceDistribution: boolean, schedule: string | null, headerNames: Array<string>, lastFetchAt: string | null, lastDurationMs: number | null, lastNew: number, lastUpdated: number, lastDeleted: number, lastSkipped: number, lastInvalid: number, lastError: string | null, etag: string | null, lastModified: string | null, sharingGroup: { id: string } | null, rules: { tagsAllow: Array<string>, tagsBlock: Array<string>, orgsAllow: Array<string>, orgsBlock: Array<string> }, event: { id: string } | null, organisation: { id: string, name: string } } };

export type DisableFeedMutationVariables = Exact<{
  id: string;
}>;


export type DisableFeedMutation = { disableFeed: { id: string, name: string, provider: string, url: string, format: FeedFormat, enabled: boolean, distribution: Distribution, valueColumns: Array<number>, delimiter: string, excludeRegex: string | null, fixedEvent: boolean, deltaMerge: boolean, publish: boolean, overrideIds: boolean | null, tags: Array<string>, sourceDistribution: boolean, schedule: string | null, headerNames: Array<string>, lastFetchAt: string | null, lastDurationMs: number | null, lastNew: number, lastUpdated: number, lastDeleted: number, lastSkipped: number, lastInvalid: number, lastError: string | null, etag: string | null, lastModified: string | null, sharingGroup: { id: string } | null, rules: { tagsAllow: Array<string>, tagsBlock: Array<string>, orgsAllow: Array<string>, orgsBlock: Array<string> }, event: { id: string } | null, organisation: { id: string, name: string } } };

export type FetchAllFeedsMutationVariables = Exact<{ [key: string]: never; }>;


export type FetchAllFeedsMutation = { fetchAllFeeds: Array<{ feedId: string, name: string, result: { new: number, updated: number, deleted: number, skipped: number, invalid: number, notModified: boolean, eventId: string | null, error: string | null, durationMs: number, refused: boolean, eventsCreated: number, eventsUpdated: number, eventsSkipped: number, eventsFailed: number, problems: Array<string> } }> };

export type PreviewFeedQueryVariables = Exact<{
  id: string;
  limit?: number | null | undefined;
}>;


export type PreviewFeedQuery = { previewFeed: { invalid: number, error: string | null, values: Array<{ type: string, value: string, eventId: string | null }> } };

export type FeedFetchProgressSubscriptionVariables = Exact<{
  feedId: string;
}>;


export type FeedFetchProgressSubscription = { feedFetchProgress: { feedId: string, phase: FeedFetchPhase, rows: number, new: number, invalid: number, eventsTotal: number | null, eventsDone: number, done: boolean, error: string | null } };

export type FeedChangeLogQueryVariables = Exact<{
  since?: string | null | undefined;
  first?: number | null | undefined;
}>;


export type FeedChangeLogQuery = { changes: { cursor: string, hasMore: boolean, changes: Array<{ cursor: string, op: ChangeOp, kind: ChangeKind, id: string, eventId: string | null }> } };

export type EventAttributePageQueryVariables = Exact<{
  id: string;
  first?: number | null | undefined;
  after?: string | null | undefined;
  includeDeleted?: boolean;
}>;


export type EventAttributePageQuery = { event: { id: string, attributeCount: number, attributes: Array<{ id: string, value: string }> } | null };

export type ObjectFieldsFragment = { id: string, name: string, metaCategory: string, description: string | null, templateUuid: string | null, templateVersion: string | null, comment: string | null, distribution: Distribution, firstSeen: string | null, lastSeen: string | null, deleted: boolean, timestamp: string, sharingGroup: { id: string } | null, event: { id: string } };

export type ObjectReferenceFieldsFragment = { id: string, targetUuid: string, relationshipType: string, comment: string | null, deleted: boolean, object: { id: string } };

export type AddObjectMutationVariables = Exact<{
  input: AddObjectInput;
}>;


export type AddObjectMutation = { addObject: { id: string, name: string, metaCategory: string, description: string | null, templateUuid: string | null, templateVersion: string | null, comment: string | null, distribution: Distribution, firstSeen: string | null, lastSeen: string | null, deleted: boolean, timestamp: string, attributes: Array<{ id: string, type: string, value: string, objectRelation: string | null, comment: string | null, object: { id: string, name: string } | null }>, references: Array<{ id: string, targetUuid: string, relationshipType: string, comment: string | null, deleted: boolean, object: { id: string } }>, sharingGroup: { id: string } | null, event: { id: string } } };

export type UpdateObjectMutationVariables = Exact<{
  input: UpdateObjectInput;
}>;


export type UpdateObjectMutation = { updateObject: { id: string, name: string, metaCategory: string, description: string | null, templateUuid: string | null, templateVersion: string | null, comment: string | null, distribution: Distribution, firstSeen: string | null, lastSeen: string | null, deleted: boolean, timestamp: string, sharingGroup: { id: string } | null, event: { id: string } } };

export type DeleteObjectMutationVariables = Exact<{
  id: string;
}>;


export type DeleteObjectMutation = { deleteObject: { id: string, name: string, metaCategory: string, description: string | null, templateUuid: string | null, templateVersion: string | null, comment: string | null, distribution: Distribution, firstSeen: string | null, lastSeen: string | null, deleted: boolean, timestamp: string, sharingGroup: { id: string } | null, event: { id: string } } };

export type AddObjectReferenceMutationVariables = Exact<{
  input: AddObjectReferenceInput;
}>;


export type AddObjectReferenceMutation = { addObjectReference: { id: string, targetUuid: string, relationshipType: string, comment: string | null, deleted: boolean, object: { id: string } } };

export type DeleteObjectReferenceMutationVariables = Exact<{
  id: string;
}>;


export type DeleteObjectReferenceMutation = { deleteObjectReference: { id: string, targetUuid: string, relationshipType: string, comment: string | null, deleted: boolean, object: { id: string } } };

export type ObjectQueryVariables = Exact<{
  id: string;
  includeDeleted?: boolean | null | undefined;
}>;


export type ObjectQuery = { object: { id: string, name: string, metaCategory: string, description: string | null, templateUuid: string | null, templateVersion: string | null, comment: string | null, distribution: Distribution, firstSeen: string | null, lastSeen: string | null, deleted: boolean, timestamp: string, attributes: Array<{ id: string, type: string, value: string, objectRelation: string | null, comment: string | null, deleted: boolean }>, references: Array<{ id: string, targetUuid: string, relationshipType: string, comment: string | null, deleted: boolean, object: { id: string } }>, sharingGroup: { id: string } | null, event: { id: string } } | null };

export type EventObjectsQueryVariables = Exact<{
  id: string;
  first?: number | null | undefined;
  after?: string | null | undefined;
  includeDeleted?: boolean | null | undefined;
}>;


export type EventObjectsQuery = { event: { id: string, objectCount: number, attributeCount: number, attributes: Array<{ id: string, comment: string | null, objectRelation: string | null, object: { id: string } | null }>, objects: Array<{ id: string, name: string, metaCategory: string, description: string | null, templateUuid: string | null, templateVersion: string | null, comment: string | null, distribution: Distribution, firstSeen: string | null, lastSeen: string | null, deleted: boolean, timestamp: string, attributes: Array<{ id: string, type: string, value: string, objectRelation: string | null, comment: string | null, deleted: boolean }>, references: Array<{ id: string, targetUuid: string, relationshipType: string, comment: string | null, deleted: boolean, object: { id: string } }>, sharingGroup: { id: string } | null, event: { id: string } }> } | null };

export type EventsWithObjectsQueryVariables = Exact<{
  filter?: EventFilter | null | undefined;
  first?: number | null | undefined;
}>;


export type EventsWithObjectsQuery = { events: { totalCount: number, edges: Array<{ node: { id: string, objectCount: number, objects: Array<{ id: string, name: string, attributes: Array<{ id: string, value: string, object: { id: string } | null }>, references: Array<{ id: string, targetUuid: string }> }> } }> } };

export type AttributeObjectQueryVariables = Exact<{
  id: string;
}>;


export type AttributeObjectQuery = { attribute: { id: string, objectRelation: string | null, object: { id: string, name: string, event: { id: string } } | null } | null };

export type ObjectAttributeAddedSubscriptionVariables = Exact<{
  filter?: AttributeFilter | null | undefined;
  since?: string | null | undefined;
}>;


export type ObjectAttributeAddedSubscription = { attributeAdded: { id: string, comment: string | null, objectRelation: string | null, changeCursor: string | null, object: { id: string, name: string, distribution: Distribution } | null, event: { id: string } } };

export type PeerFieldsFragment = { id: string, name: string, kind: PeerKind, url: string, hubUuid: string | null, push: boolean, pull: boolean, internal: boolean, tlsVerify: boolean, schedule: string | null, lastPullAt: string | null, lastPushAt: string | null, lastError: string | null, failures: number, retryAfter: string | null, pulledCount: number, pushedCount: number, skippedCount: number, failedCount: number, pushLag: number, organisation: { id: string, name: string } };

export type SyncResultFieldsFragment = { sightingsCreated: number, sightingsSkipped: number, created: number, updated: number, deleted: number, skipped: number, failed: number, requests: number, error: string | null, skippedReasons: Array<{ reason: SyncSkipReason, count: number, eventIds: Array<string> }> };

export type PeersQueryVariables = Exact<{ [key: string]: never; }>;


export type PeersQuery = { peers: Array<{ id: string, name: string, kind: PeerKind, url: string, hubUuid: string | null, push: boolean, pull: boolean, internal: boolean, tlsVerify: boolean, schedule: string | null, lastPullAt: string | null, lastPushAt: string | null, lastError: string | null, failures: number, retryAfter: string | null, pulledCount: number, pushedCount: number, skippedCount: number, failedCount: number, pushLag: number, organisation: { id: string, name: string } }> };

export type PeerQueryVariables = Exact<{
  id: string;
}>;


export type PeerQuery = { peer: { id: string, name: string, kind: PeerKind, url: string, hubUuid: string | null, push: boolean, pull: boolean, internal: boolean, tlsVerify: boolean, schedule: string | null, lastPullAt: string | null, lastPushAt: string | null, lastError: string | null, failures: number, retryAfter: string | null, pulledCount: number, pushedCount: number, skippedCount: number, failedCount: number, pushLag: number, organisation: { id: string, name: string } } };

export type CreatePeerMutationVariables = Exact<{
  input: CreatePeerInput;
}>;


export type CreatePeerMutation = { createPeer: { id: string, name: string, kind: PeerKind, url: string, hubUuid: string | null, push: boolean, pull: boolean, internal: boolean, tlsVerify: boolean, schedule: string | null, lastPullAt: string | null, lastPushAt: string | null, lastError: string | null, failures: number, retryAfter: string | null, pulledCount: number, pushedCount: number, skippedCount: number, failedCount: number, pushLag: number, organisation: { id: string, name: string } } };

export type UpdatePeerMutationVariables = Exact<{
  input: UpdatePeerInput;
}>;


export type UpdatePeerMutation = { updatePeer: { id: string, name: string, kind: PeerKind, url: string, hubUuid: string | null, push: boolean, pull: boolean, internal: boolean, tlsVerify: boolean, schedule: string | null, lastPullAt: string | null, lastPushAt: string | null, lastError: string | null, failures: number, retryAfter: string | null, pulledCount: number, pushedCount: number, skippedCount: number, failedCount: number, pushLag: number, organisation: { id: string, name: string } } };

export type DeletePeerMutationVariables = Exact<{
  id: string;
}>;


export type DeletePeerMutation = { deletePeer: string };

export type TestPeerMutationVariables = Exact<{
  id: string;
}>;


export type TestPeerMutation = { testPeer: { ok: boolean, hubId: string | null, software: string | null, protocolVersion: string | null, organisationName: string | null, error: string | null, httpStatus: number | null, speaksProtocol: boolean } };

export type PullFromPeerMutationVariables = Exact<{
  id: string;
}>;


export type PullFromPeerMutation = { pullFromPeer: { sightingsCreated: number, sightingsSkipped: number, created: number, updated: number, deleted: number, skipped: number, failed: number, requests: number, error: string | null, skippedReasons: Array<{ reason: SyncSkipReason, count: number, eventIds: Array<string> }> } };

export type PushToPeerMutationVariables = Exact<{
  id: string;
}>;


export type PushToPeerMutation = { pushToPeer: { sightingsCreated: number, sightingsSkipped: number, created: number, updated: number, deleted: number, skipped: number, failed: number, requests: number, error: string | null, skippedReasons: Array<{ reason: SyncSkipReason, count: number, eventIds: Array<string> }> } };

export type RemoveSharingGroupThisHubMutationVariables = Exact<{
  sharingGroupId: string;
}>;


export type RemoveSharingGroupThisHubMutation = { removeSharingGroupThisHub: { id: string, thisHub: boolean, thisHubAllOrgs: boolean } };

export type SharingGroupDetailQueryVariables = Exact<{
  id: string;
}>;


export type SharingGroupDetailQuery = { sharingGroup: { id: string, name: string, roaming: boolean, thisHub: boolean, thisHubAllOrgs: boolean, peerHubs: Array<string>, ownerOrg: { id: string, name: string }, organisations: Array<{ organisation: { id: string, name: string } }> } };

export type FederatedEventsQueryVariables = Exact<{
  filter?: EventFilter | null | undefined;
  first?: number | null | undefined;
}>;


export type FederatedEventsQuery = { events: { totalCount: number, edges: Array<{ node: { id: string, info: string, distribution: Distribution, published: boolean, locked: boolean, timestamp: string, sharingGroup: { id: string } | null, creatorOrg: { id: string, name: string }, ownerOrg: { id: string, name: string }, tags: Array<{ name: string, local: boolean }>, attributes: Array<{ id: string, value: string, distribution: Distribution, deleted: boolean, timestamp: string, sharingGroup: { id: string } | null, tags: Array<{ name: string, local: boolean }> }> } }> } };

export type AddSharingGroupPeerMutationVariables = Exact<{
  sharingGroupId: string;
  peerId: string;
  allOrgs?: boolean;
}>;


export type AddSharingGroupPeerMutation = { addSharingGroupPeer: { id: string, thisHub: boolean, peerHubs: Array<string> } };

export type EventReportFieldsFragment = { id: string, name: string, content: string, distribution: Distribution, timestamp: string, deleted: boolean, sharingGroup: { id: string } | null, event: { id: string } };

export type ProposalFieldsFragment = { id: string, attributeUuid: string | null, type: string, category: string, value: string, toIds: boolean, comment: string | null, proposalToDelete: boolean, deleted: boolean, organisation: { id: string }, event: { id: string } };

export type GalaxyClusterFieldsFragment = { id: string, type: string, value: string, tagName: string, description: string | null, meta: unknown, version: string | null, galaxy: { id: string | null, name: string, type: string, namespace: string | null, description: string | null } };

export type EventReportsQueryVariables = Exact<{
  id: string;
}>;


export type EventReportsQuery = { event: { id: string, timestamp: string, published: boolean, reports: Array<{ id: string, name: string, content: string, distribution: Distribution, timestamp: string, deleted: boolean, sharingGroup: { id: string } | null, event: { id: string } }> } | null };

export type EventReportQueryVariables = Exact<{
  id: string;
}>;


export type EventReportQuery = { eventReport: { id: string, name: string, content: string, distribution: Distribution, timestamp: string, deleted: boolean, sharingGroup: { id: string } | null, event: { id: string } } | null };

export type AddEventReportMutationVariables = Exact<{
  input: AddEventReportInput;
}>;


export type AddEventReportMutation = { addEventReport: { id: string, name: string, content: string, distribution: Distribution, timestamp: string, deleted: boolean, sharingGroup: { id: string } | null, event: { id: string } } };

export type UpdateEventReportMutationVariables = Exact<{
  input: UpdateEventReportInput;
}>;


export type UpdateEventReportMutation = { updateEventReport: { id: string, name: string, content: string, distribution: Distribution, timestamp: string, deleted: boolean, sharingGroup: { id: string } | null, event: { id: string } } };

export type DeleteEventReportMutationVariables = Exact<{
  id: string;
}>;


export type DeleteEventReportMutation = { deleteEventReport: { id: string, name: string, content: string, distribution: Distribution, timestamp: string, deleted: boolean, sharingGroup: { id: string } | null, event: { id: string } } };

export type EventProposalsQueryVariables = Exact<{
  id: string;
}>;


export type EventProposalsQuery = { event: { id: string, timestamp: string, proposals: Array<{ id: string, attributeUuid: string | null, type: string, category: string, value: string, toIds: boolean, comment: string | null, proposalToDelete: boolean, deleted: boolean, organisation: { id: string }, event: { id: string } }>, attributes: Array<{ id: string, value: string, category: string, comment: string | null, toIds: boolean, deleted: boolean, distribution: Distribution, proposals: Array<{ id: string }> }> } | null };

export type AttributeProposalsQueryVariables = Exact<{
  id: string;
}>;


export type AttributeProposalsQuery = { attribute: { id: string, value: string, proposals: Array<{ id: string, attributeUuid: string | null, type: string, category: string, value: string, toIds: boolean, comment: string | null, proposalToDelete: boolean, deleted: boolean, organisation: { id: string }, event: { id: string } }> } | null };

export type ProposalQueryVariables = Exact<{
  id: string;
}>;


export type ProposalQuery = { proposal: { id: string, attributeUuid: string | null, type: string, category: string, value: string, toIds: boolean, comment: string | null, proposalToDelete: boolean, deleted: boolean, organisation: { id: string }, event: { id: string } } | null };

export type ProposeAttributeMutationVariables = Exact<{
  input: ProposeAttributeInput;
}>;


export type ProposeAttributeMutation = { proposeAttribute: { id: string, attributeUuid: string | null, type: string, category: string, value: string, toIds: boolean, comment: string | null, proposalToDelete: boolean, deleted: boolean, organisation: { id: string }, event: { id: string } } };

export type ProposeAttributeChangeMutationVariables = Exact<{
  input: ProposeAttributeChangeInput;
}>;


export type ProposeAttributeChangeMutation = { proposeAttributeChange: { id: string, attributeUuid: string | null, type: string, category: string, value: string, toIds: boolean, comment: string | null, proposalToDelete: boolean, deleted: boolean, organisation: { id: string }, event: { id: string } } };

export type ProposeAttributeDeletionMutationVariables = Exact<{
  attributeId: string;
}>;


export type ProposeAttributeDeletionMutation = { proposeAttributeDeletion: { id: string, attributeUuid: string | null, type: string, category: string, value: string, toIds: boolean, comment: string | null, proposalToDelete: boolean, deleted: boolean, organisation: { id: string }, event: { id: string } } };

export type AcceptProposalMutationVariables = Exact<{
  id: string;
}>;


export type AcceptProposalMutation = { acceptProposal: { id: string, value: string, category: string, comment: string | null, toIds: boolean, deleted: boolean, distribution: Distribution } };

export type DiscardProposalMutationVariables = Exact<{
  id: string;
}>;


export type DiscardProposalMutation = { discardProposal: { id: string, attributeUuid: string | null, type: string, category: string, value: string, toIds: boolean, comment: string | null, proposalToDelete: boolean, deleted: boolean, organisation: { id: string }, event: { id: string } } };

export type GalaxyClusterQueryVariables = Exact<{
  id: string;
}>;


export type GalaxyClusterQuery = { galaxyCluster: { id: string, type: string, value: string, tagName: string, description: string | null, meta: unknown, version: string | null, galaxy: { id: string | null, name: string, type: string, namespace: string | null, description: string | null } } | null };

export type GalaxyClustersQueryVariables = Exact<{
  filter?: GalaxyClusterFilter | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type GalaxyClustersQuery = { galaxyClusters: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, type: string, value: string, tagName: string, description: string | null, meta: unknown, version: string | null, galaxy: { id: string | null, name: string, type: string, namespace: string | null, description: string | null } } }> } };

export type EventGalaxyClustersQueryVariables = Exact<{
  id: string;
}>;


export type EventGalaxyClustersQuery = { event: { id: string, galaxyClusters: Array<{ id: string, type: string, value: string, tagName: string, description: string | null, meta: unknown, version: string | null, galaxy: { id: string | null, name: string, type: string, namespace: string | null, description: string | null } }>, attributes: Array<{ id: string, galaxyClusters: Array<{ id: string, tagName: string }> }> } | null };

export type EventsWithMispModelQueryVariables = Exact<{
  first?: number | null | undefined;
}>;


export type EventsWithMispModelQuery = { events: { edges: Array<{ node: { id: string, reports: Array<{ id: string, name: string }>, proposals: Array<{ id: string, organisation: { id: string } }>, galaxyClusters: Array<{ id: string, galaxy: { name: string } }>, attributes: Array<{ id: string, proposals: Array<{ id: string }>, galaxyClusters: Array<{ id: string }> }> } }> } };

export type SearchAttributesQueryVariables = Exact<{
  filter?: AttributeFilter | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type SearchAttributesQuery = { attributes: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ cursor: string, node: { id: string, type: string, value: string, event: { id: string } } }> } };

export type SearchAttributeValuesQueryVariables = Exact<{
  filter?: AttributeFilter | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type SearchAttributeValuesQuery = { attributes: { pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, value: string } }> } };

export type SearchEventsQueryVariables = Exact<{
  filter?: EventFilter | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type SearchEventsQuery = { events: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ cursor: string, node: { id: string, info: string } }> } };

export type CorrelationsQueryVariables = Exact<{
  filter?: AttributeFilter | null | undefined;
  first?: number | null | undefined;
}>;


export type CorrelationsQuery = { attributes: { edges: Array<{ node: { id: string, type: string, value: string, correlationCapped: boolean, correlations: Array<{ id: string, type: string, value: string, event: { id: string } }> } }> } };

export type AttributeCorrelationsQueryVariables = Exact<{
  id: string;
}>;


export type AttributeCorrelationsQuery = { attribute: { id: string, value: string, correlationCapped: boolean, correlations: Array<{ id: string, value: string, event: { id: string } }> } | null };

export type RelatedEventsQueryVariables = Exact<{
  id: string;
}>;


export type RelatedEventsQuery = { event: { id: string, relatedEvents: Array<{ id: string, info: string }> } | null };

export type SightingSummaryFieldsFragment = { sightingCount: number, falsePositiveCount: number, expirationCount: number, lastSeen: string | null, lastFalsePositive: string | null, lastExpiration: string | null };

export type AddSightingMutationVariables = Exact<{
  input: AddSightingInput;
}>;


export type AddSightingMutation = { addSighting: Array<{ id: string, type: SightingType, source: string | null, at: string, organisation: { id: string, name: string } | null, attribute: { id: string, value: string, event: { id: string } } }> };

export type AttributeSightingsQueryVariables = Exact<{
  id: string;
}>;


export type AttributeSightingsQuery = { attribute: { id: string, sightings: { sightingCount: number, falsePositiveCount: number, expirationCount: number, lastSeen: string | null, lastFalsePositive: string | null, lastExpiration: string | null } } | null };

export type AttributesWithSightingsQueryVariables = Exact<{
  filter?: AttributeFilter | null | undefined;
  first?: number | null | undefined;
}>;


export type AttributesWithSightingsQuery = { attributes: { edges: Array<{ node: { id: string, value: string, sightings: { sightingCount: number, falsePositiveCount: number, expirationCount: number, lastSeen: string | null, lastFalsePositive: string | null, lastExpiration: string | null } } }> } };

export type ChangesPageQueryVariables = Exact<{
  since?: string | null | undefined;
  first?: number | null | undefined;
}>;


export type ChangesPageQuery = { changes: { cursor: string, hasMore: boolean, changes: Array<{ cursor: string, op: ChangeOp, kind: ChangeKind, id: string, eventId: string | null }> } };

export type ExportAttributesQueryVariables = Exact<{
  format: string;
  filter?: AttributeFilter | null | undefined;
  first?: number | null | undefined;
}>;


export type ExportAttributesQuery = { exportAttributes: { format: string, contentType: string, content: string } };

export type AttributeAddedSubscriptionVariables = Exact<{
  filter?: AttributeFilter | null | undefined;
  since?: string | null | undefined;
}>;


export type AttributeAddedSubscription = { attributeAdded: { id: string, type: string, category: string, value: string, toIds: boolean, comment: string | null, distribution: Distribution, changeCursor: string | null, event: { id: string } } };

export type EventPublishedSubscriptionVariables = Exact<{
  filter?: EventFilter | null | undefined;
  since?: string | null | undefined;
}>;


export type EventPublishedSubscription = { eventPublished: { id: string, info: string, published: boolean, distribution: Distribution, changeCursor: string | null } };

export type ChangesSubscriptionVariables = Exact<{
  since?: string | null | undefined;
}>;


export type ChangesSubscription = { changes: { cursor: string, op: ChangeOp, kind: ChangeKind, id: string, eventId: string | null, at: string } };

export type SyncOrganisationFieldsFragment = { id: string, name: string };

export type SyncSharingGroupFieldsFragment = { id: string, name: string, description: string | null, releasability: string | null, roaming: boolean, timestamp: string, ownerOrg: { id: string, name: string }, organisations: Array<{ id: string, name: string }>, hubs: Array<{ id: string, allOrgs: boolean }> };

export type SyncEventFieldsFragment = { id: string, info: string, date: string, threatLevel: ThreatLevel, analysis: Analysis, distribution: Distribution, published: boolean, publishedAt: string | null, timestamp: string, deleted: boolean, disableCorrelation: boolean, extendsUuid: string | null, sharingGroup: { id: string, name: string, description: string | null, releasability: string | null, roaming: boolean, timestamp: string, ownerOrg: { id: string, name: string }, organisations: Array<{ id: string, name: string }>, hubs: Array<{ id: string, allOrgs: boolean }> } | null, creatorOrg: { id: string, name: string }, tags: Array<{ name: string, colour: string | null }>, attributes: Array<{ id: string, type: string, category: string, value: string, toIds: boolean, comment: string | null, distribution: Distribution, timestamp: string, deleted: boolean, disableCorrelation: boolean, firstSeen: string | null, lastSeen: string | null, objectRelation: string | null, objectId: string | null, data: string | null, sharingGroup: { id: string, name: string, description: string | null, releasability: string | null, roaming: boolean, timestamp: string, ownerOrg: { id: string, name: string }, organisations: Array<{ id: string, name: string }>, hubs: Array<{ id: string, allOrgs: boolean }> } | null, tags: Array<{ name: string, colour: string | null }> }>, objects: Array<{ id: string, name: string, metaCategory: string, description: string | null, templateUuid: string | null, templateVersion: string | null, comment: string | null, distribution: Distribution, firstSeen: string | null, lastSeen: string | null, timestamp: string, deleted: boolean, sharingGroup: { id: string, name: string, description: string | null, releasability: string | null, roaming: boolean, timestamp: string, ownerOrg: { id: string, name: string }, organisations: Array<{ id: string, name: string }>, hubs: Array<{ id: string, allOrgs: boolean }> } | null, references: Array<{ id: string, targetId: string, relationshipType: string, comment: string | null, timestamp: string, deleted: boolean }> }> | null, galaxyClusters: Array<{ id: string, tagName: string, version: string | null, galaxy: string, data: string }> | null, reports: Array<{ id: string, name: string, content: string, distribution: Distribution, timestamp: string, deleted: boolean, sharingGroup: { id: string, name: string, description: string | null, releasability: string | null, roaming: boolean, timestamp: string, ownerOrg: { id: string, name: string }, organisations: Array<{ id: string, name: string }>, hubs: Array<{ id: string, allOrgs: boolean }> } | null }> | null, proposals: Array<{ id: string, attributeId: string | null, type: string, category: string, value: string, toIds: boolean, comment: string | null, objectRelation: string | null, firstSeen: string | null, lastSeen: string | null, proposalToDelete: boolean, timestamp: string, deleted: boolean, org: { id: string, name: string } }> | null };

export type SyncHandshakeQueryVariables = Exact<{ [key: string]: never; }>;


export type SyncHandshakeQuery = { hubInfo: { id: string, software: string, protocolVersion: string, organisation: { id: string, name: string } }, me: { id: string, role: Role, organisation: { id: string, name: string } } };

export type SyncIndexPageFieldsFragment = { cursor: string, hasMore: boolean, entries: Array<{ id: string, timestamp: string, creatorOrgId: string, creatorOrgName: string, published: boolean, deleted: boolean, tags: Array<string> }> };

export type SyncIndexQueryVariables = Exact<{
  since?: string | null | undefined;
  first?: number | null | undefined;
}>;


export type SyncIndexQuery = { syncIndex: { cursor: string, hasMore: boolean, entries: Array<{ id: string, timestamp: string, creatorOrgId: string, creatorOrgName: string, published: boolean, deleted: boolean, tags: Array<string> }> } };

export type SyncPullStartQueryVariables = Exact<{
  since?: string | null | undefined;
  sightingsSince?: string | null | undefined;
  first?: number | null | undefined;
}>;


export type SyncPullStartQuery = { syncIndex: { cursor: string, hasMore: boolean, entries: Array<{ id: string, timestamp: string, creatorOrgId: string, creatorOrgName: string, published: boolean, deleted: boolean, tags: Array<string> }> }, syncSightings: { cursor: string, hasMore: boolean, sightings: Array<{ id: string, attributeId: string | null, type: string, source: string | null, at: string, org: { id: string, name: string } | null }> } };

export type SyncEventsQueryVariables = Exact<{
  ids: Array<string> | string;
}>;


export type SyncEventsQuery = { syncEvents: Array<{ id: string, info: string, date: string, threatLevel: ThreatLevel, analysis: Analysis, distribution: Distribution, published: boolean, publishedAt: string | null, timestamp: string, deleted: boolean, disableCorrelation: boolean, extendsUuid: string | null, sharingGroup: { id: string, name: string, description: string | null, releasability: string | null, roaming: boolean, timestamp: string, ownerOrg: { id: string, name: string }, organisations: Array<{ id: string, name: string }>, hubs: Array<{ id: string, allOrgs: boolean }> } | null, creatorOrg: { id: string, name: string }, tags: Array<{ name: string, colour: string | null }>, attributes: Array<{ id: string, type: string, category: string, value: string, toIds: boolean, comment: string | null, distribution: Distribution, timestamp: string, deleted: boolean, disableCorrelation: boolean, firstSeen: string | null, lastSeen: string | null, objectRelation: string | null, objectId: string | null, data: string | null, sharingGroup: { id: string, name: string, description: string | null, releasability: string | null, roaming: boolean, timestamp: string, ownerOrg: { id: string, name: string }, organisations: Array<{ id: string, name: string }>, hubs: Array<{ id: string, allOrgs: boolean }> } | null, tags: Array<{ name: string, colour: string | null }> }>, objects: Array<{ id: string, name: string, metaCategory: string, description: string | null, templateUuid: string | null, templateVersion: string | null, comment: string | null, distribution: Distribution, firstSeen: string | null, lastSeen: string | null, timestamp: string, deleted: boolean, sharingGroup: { id: string, name: string, description: string | null, releasability: string | null, roaming: boolean, timestamp: string, ownerOrg: { id: string, name: string }, organisations: Array<{ id: string, name: string }>, hubs: Array<{ id: string, allOrgs: boolean }> } | null, references: Array<{ id: string, targetId: string, relationshipType: string, comment: string | null, timestamp: string, deleted: boolean }> }> | null, galaxyClusters: Array<{ id: string, tagName: string, version: string | null, galaxy: string, data: string }> | null, reports: Array<{ id: string, name: string, content: string, distribution: Distribution, timestamp: string, deleted: boolean, sharingGroup: { id: string, name: string, description: string | null, releasability: string | null, roaming: boolean, timestamp: string, ownerOrg: { id: string, name: string }, organisations: Array<{ id: string, name: string }>, hubs: Array<{ id: string, allOrgs: boolean }> } | null }> | null, proposals: Array<{ id: string, attributeId: string | null, type: string, category: string, value: string, toIds: boolean, comment: string | null, objectRelation: string | null, firstSeen: string | null, lastSeen: string | null, proposalToDelete: boolean, timestamp: string, deleted: boolean, org: { id: string, name: string } }> | null }> };

export type PushEventsMutationVariables = Exact<{
  hubId: string;
  events: Array<SyncEventInput> | SyncEventInput;
}>;


export type PushEventsMutation = { pushEvents: { created: number, updated: number, deleted: number, skipped: number, failed: number } };

export type PushEventsReportMutationVariables = Exact<{
  hubId: string;
  events: Array<SyncEventInput> | SyncEventInput;
}>;


export type PushEventsReportMutation = { pushEvents: { created: number, updated: number, deleted: number, skipped: number, failed: number, skippedReasons: Array<{ reason: SyncSkipReason, count: number, eventIds: Array<string> }> } };

export type SyncSightingPageFieldsFragment = { cursor: string, hasMore: boolean, sightings: Array<{ id: string, attributeId: string | null, type: string, source: string | null, at: string, org: { id: string, name: string } | null }> };

export type SyncSightingsQueryVariables = Exact<{
  since?: string | null | undefined;
  first?: number | null | undefined;
}>;


export type SyncSightingsQuery = { syncSightings: { cursor: string, hasMore: boolean, sightings: Array<{ id: string, attributeId: string | null, type: string, source: string | null, at: string, org: { id: string, name: string } | null }> } };

export type PushSightingsMutationVariables = Exact<{
  hubId: string;
  sightings: Array<SyncSightingInput> | SyncSightingInput;
}>;


export type PushSightingsMutation = { pushSightings: { created: number, skipped: number } };

export const AttributeFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AttributeFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Attribute"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"category"}},{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"toIds"}},{"kind":"Field","name":{"kind":"Name","value":"comment"}},{"kind":"Field","name":{"kind":"Name","value":"distribution"}},{"kind":"Field","name":{"kind":"Name","value":"deleted"}},{"kind":"Field","name":{"kind":"Name","value":"timestamp"}},{"kind":"Field","name":{"kind":"Name","value":"sharingGroup"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"event"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"tags"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"local"}}]}}]}}]} as unknown as DocumentNode<AttributeFieldsFragment, unknown>;
export const OrgRefFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"OrgRef"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Organisation"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]} as unknown as DocumentNode<OrgRefFragment, unknown>;
export const EventFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"EventFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Event"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"info"}},{"kind":"Field","name":{"kind":"Name","value":"date"}},{"kind":"Field","name":{"kind":"Name","value":"distribution"}},{"kind":"Field","name":{"kind":"Name","value":"threatLevel"}},{"kind":"Field","name":{"kind":"Name","value":"analysis"}},{"kind":"Field","name":{"kind":"Name","value":"published"}},{"kind":"Field","name":{"kind":"Name","value":"locked"}},{"kind":"Field","name":{"kind":"Name","value":"timestamp"}},{"kind":"Field","name":{"kind":"Name","value":"sharingGroup"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"creatorOrg"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"OrgRef"}}]}},{"kind":"Field","name":{"kind":"Name","value":"ownerOrg"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"OrgRef"}}]}},{"kind":"Field","name":{"kind":"Name","value":"tags"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"local"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"OrgRef"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Organisation"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]} as unknown as DocumentNode<EventFieldsFragment, unknown>;
export const FeedFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"FeedFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Feed"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"format"}},{"kind":"Field","name":{"kind":"Name","value":"enabled"}},{"kind":"Field","name":{"kind":"Name","value":"distribution"}},{"kind":"Field","name":{"kind":"Name","value":"sharingGroup"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"valueColumns"}},{"kind":"Field","name":{"kind":"Name","value":"delimiter"}},{"kind":"Field","name":{"kind":"Name","value":"excludeRegex"}},{"kind":"Field","name":{"kind":"Name","value":"fixedEvent"}},{"kind":"Field","name":{"kind":"Name","value":"deltaMerge"}},{"kind":"Field","name":{"kind":"Name","value":"publish"}},{"kind":"Field","name":{"kind":"Name","value":"overrideIds"}},{"kind":"Field","name":{"kind":"Name","value":"tags"}},{"kind":"Field","name":{"kind":"Name","value":"sourceDistribution"}},{"kind":"Field","name":{"kind":"Name","value":"rules"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"tagsAllow"}},{"kind":"Field","name":{"kind":"Name","value":"tagsBlock"}},{"kind":"Field","name":{"kind":"Name","value":"orgsAllow"}},{"kind":"Field","name":{"kind":"Name","value":"orgsBlock"}}]}},{"kind":"Field","name":{"kind":"Name","value":"schedule"}},{"kind":"Field","name":{"kind":"Name","value":"headerNames"}},{"kind":"Field","name":{"kind":"Name","value":"event"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"organisation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"lastFetchAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastDurationMs"}},{"kind":"Field","name":{"kind":"Name","value":"lastNew"}},{"kind":"Field","name":{"kind":"Name","value":"lastUpdated"}},{"kind":"Field","name":{"kind":"Name","value":"lastDeleted"}},{"kind":"Field","name":{"kind":"Name","value":"lastSkipped"}},{"kind":"Field","name":{"kind":"Name","value":"lastInvalid"}},{"kind":"Field","name":{"kind":"Name","value":"lastError"}},{"kind":"Field","name":{"kind":"Name","value":"etag"}},{"kind":"Field","name":{"kind":"Name","value":"lastModified"}}]}}]} as unknown as DocumentNode<FeedFieldsFragment, unknown>;
export const FeedFetchResultFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"FeedFetchResultFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"FeedFetchResult"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"new"}},{"kind":"Field","name":{"kind":"Name","value":"updated"}},{"kind":"Field","name":{"kind":"Name","value":"deleted"}},{"kind":"Field","name":{"kind":"Name","value":"skipped"}},{"kind":"Field","name":{"kind":"Name","value":"invalid"}},{"kind":"Field","name":{"kind":"Name","value":"notModified"}},{"kind":"Field","name":{"kind":"Name","value":"eventId"}},{"kind":"Field","name":{"kind":"Name","value":"error"}},{"kind":"Field","name":{"kind":"Name","value":"durationMs"}},{"kind":"Field","name":{"kind":"Name","value":"refused"}},{"kind":"Field","name":{"kind":"Name","value":"eventsCreated"}},{"kind":"Field","name":{"kind":"Name","value":"eventsUpdated"}},{"kind":"Field","name":{"kind":"Name","value":"eventsSkipped"}},{"kind":"Field","name":{"kind":"Name","value":"eventsFailed"}},{"kind":"Field","name":{"kind":"Name","value":"problems"}}]}}]} as unknown as DocumentNode<FeedFetchResultFieldsFragment, unknown>;
export const ObjectFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ObjectFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Object"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"metaCategory"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"templateUuid"}},{"kind":"Field","name":{"kind":"Name","value":"templateVersion"}},{"kind":"Field","name":{"kind":"Name","value":"comment"}},{"kind":"Field","name":{"kind":"Name","value":"distribution"}},{"kind":"Field","name":{"kind":"Name","value":"sharingGroup"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"firstSeen"}},{"kind":"Field","name":{"kind":"Name","value":"lastSeen"}},{"kind":"Field","name":{"kind":"Name","value":"deleted"}},{"kind":"Field","name":{"kind":"Name","value":"timestamp"}},{"kind":"Field","name":{"kind":"Name","value":"event"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<ObjectFieldsFragment, unknown>;
export const ObjectReferenceFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ObjectReferenceFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ObjectReference"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"targetUuid"}},{"kind":"Field","name":{"kind":"Name","value":"relationshipType"}},{"kind":"Field","name":{"kind":"Name","value":"comment"}},{"kind":"Field","name":{"kind":"Name","value":"deleted"}},{"kind":"Field","name":{"kind":"Name","value":"object"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<ObjectReferenceFieldsFragment, unknown>;
export const PeerFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PeerFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Peer"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"hubUuid"}},{"kind":"Field","name":{"kind":"Name","value":"push"}},{"kind":"Field","name":{"kind":"Name","value":"pull"}},{"kind":"Field","name":{"kind":"Name","value":"internal"}},{"kind":"Field","name":{"kind":"Name","value":"tlsVerify"}},{"kind":"Field","name":{"kind":"Name","value":"schedule"}},{"kind":"Field","name":{"kind":"Name","value":"organisation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"OrgRef"}}]}},{"kind":"Field","name":{"kind":"Name","value":"lastPullAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastPushAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastError"}},{"kind":"Field","name":{"kind":"Name","value":"failures"}},{"kind":"Field","name":{"kind":"Name","value":"retryAfter"}},{"kind":"Field","name":{"kind":"Name","value":"pulledCount"}},{"kind":"Field","name":{"kind":"Name","value":"pushedCount"}},{"kind":"Field","name":{"kind":"Name","value":"skippedCount"}},{"kind":"Field","name":{"kind":"Name","value":"failedCount"}},{"kind":"Field","name":{"kind":"Name","value":"pushLag"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"OrgRef"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Organisation"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]} as unknown as DocumentNode<PeerFieldsFragment, unknown>;
export const SyncResultFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SyncResultFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SyncResult"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sightingsCreated"}},{"kind":"Field","name":{"kind":"Name","value":"sightingsSkipped"}},{"kind":"Field","name":{"kind":"Name","value":"created"}},{"kind":"Field","name":{"kind":"Name","value":"updated"}},{"kind":"Field","name":{"kind":"Name","value":"deleted"}},{"kind":"Field","name":{"kind":"Name","value":"skipped"}},{"kind":"Field","name":{"kind":"Name","value":"failed"}},{"kind":"Field","name":{"kind":"Name","value":"requests"}},{"kind":"Field","name":{"kind":"Name","value":"error"}},{"kind":"Field","name":{"kind":"Name","value":"skippedReasons"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"count"}},{"kind":"Field","name":{"kind":"Name","value":"eventIds"}}]}}]}}]} as unknown as DocumentNode<SyncResultFieldsFragment, unknown>;
export const EventReportFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"EventReportFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"EventReport"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"content"}},{"kind":"Field","name":{"kind":"Name","value":"distribution"}},{"kind":"Field","name":{"kind":"Name","value":"timestamp"}},{"kind":"Field","name":{"kind":"Name","value":"deleted"}},{"kind":"Field","name":{"kind":"Name","value":"sharingGroup"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"event"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<EventReportFieldsFragment, unknown>;
export const ProposalFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ProposalFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Proposal"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"attributeUuid"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"category"}},{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"toIds"}},{"kind":"Field","name":{"kind":"Name","value":"comment"}},{"kind":"Field","name":{"kind":"Name","value":"proposalToDelete"}},{"kind":"Field","name":{"kind":"Name","value":"deleted"}},{"kind":"Field","name":{"kind":"Name","value":"organisation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"event"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<ProposalFieldsFragment, unknown>;
export const GalaxyClusterFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"GalaxyClusterFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"GalaxyCluster"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"tagName"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"galaxy"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"namespace"}},{"kind":"Field","name":{"kind":"Name","value":"description"}}]}},{"kind":"Field","name":{"kind":"Name","value":"meta"}},{"kind":"Field","name":{"kind":"Name","value":"version"}}]}}]} as unknown as DocumentNode<GalaxyClusterFieldsFragment, unknown>;
export const SightingSummaryFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SightingSummaryFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SightingSummary"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sightingCount"}},{"kind":"Field","name":{"kind":"Name","value":"falsePositiveCount"}},{"kind":"Field","name":{"kind":"Name","value":"expirationCount"}},{"kind":"Field","name":{"kind":"Name","value":"lastSeen"}},{"kind":"Field","name":{"kind":"Name","value":"lastFalsePositive"}},{"kind":"Field","name":{"kind":"Name","value":"lastExpiration"}}]}}]} as unknown as DocumentNode<SightingSummaryFieldsFragment, unknown>;
export const SyncOrganisationFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SyncOrganisationFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SyncOrganisation"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]} as unknown as DocumentNode<SyncOrganisationFieldsFragment, unknown>;
export const SyncSharingGroupFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SyncSharingGroupFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SyncSharingGroup"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"releasability"}},{"kind":"Field","name":{"kind":"Name","value":"roaming"}},{"kind":"Field","name":{"kind":"Name","value":"timestamp"}},{"kind":"Field","name":{"kind":"Name","value":"ownerOrg"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SyncOrganisationFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"organisations"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SyncOrganisationFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"hubs"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"allOrgs"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SyncOrganisationFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SyncOrganisation"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]} as unknown as DocumentNode<SyncSharingGroupFieldsFragment, unknown>;
export const SyncEventFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SyncEventFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SyncEvent"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"info"}},{"kind":"Field","name":{"kind":"Name","value":"date"}},{"kind":"Field","name":{"kind":"Name","value":"threatLevel"}},{"kind":"Field","name":{"kind":"Name","value":"analysis"}},{"kind":"Field","name":{"kind":"Name","value":"distribution"}},{"kind":"Field","name":{"kind":"Name","value":"sharingGroup"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SyncSharingGroupFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"published"}},{"kind":"Field","name":{"kind":"Name","value":"publishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"timestamp"}},{"kind":"Field","name":{"kind":"Name","value":"deleted"}},{"kind":"Field","name":{"kind":"Name","value":"creatorOrg"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SyncOrganisationFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"disableCorrelation"}},{"kind":"Field","name":{"kind":"Name","value":"extendsUuid"}},{"kind":"Field","name":{"kind":"Name","value":"tags"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"colour"}}]}},{"kind":"Field","name":{"kind":"Name","value":"attributes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"category"}},{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"toIds"}},{"kind":"Field","name":{"kind":"Name","value":"comment"}},{"kind":"Field","name":{"kind":"Name","value":"distribution"}},{"kind":"Field","name":{"kind":"Name","value":"sharingGroup"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SyncSharingGroupFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"timestamp"}},{"kind":"Field","name":{"kind":"Name","value":"deleted"}},{"kind":"Field","name":{"kind":"Name","value":"disableCorrelation"}},{"kind":"Field","name":{"kind":"Name","value":"firstSeen"}},{"kind":"Field","name":{"kind":"Name","value":"lastSeen"}},{"kind":"Field","name":{"kind":"Name","value":"objectRelation"}},{"kind":"Field","name":{"kind":"Name","value":"tags"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"colour"}}]}},{"kind":"Field","name":{"kind":"Name","value":"objectId"}},{"kind":"Field","name":{"kind":"Name","value":"data"}}]}},{"kind":"Field","name":{"kind":"Name","value":"objects"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"metaCategory"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"templateUuid"}},{"kind":"Field","name":{"kind":"Name","value":"templateVersion"}},{"kind":"Field","name":{"kind":"Name","value":"comment"}},{"kind":"Field","name":{"kind":"Name","value":"distribution"}},{"kind":"Field","name":{"kind":"Name","value":"sharingGroup"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SyncSharingGroupFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"firstSeen"}},{"kind":"Field","name":{"kind":"Name","value":"lastSeen"}},{"kind":"Field","name":{"kind":"Name","value":"timestamp"}},{"kind":"Field","name":{"kind":"Name","value":"deleted"}},{"kind":"Field","name":{"kind":"Name","value":"references"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"targetId"}},{"kind":"Field","name":{"kind":"Name","value":"relationshipType"}},{"kind":"Field","name":{"kind":"Name","value":"comment"}},{"kind":"Field","name":{"kind":"Name","value":"timestamp"}},{"kind":"Field","name":{"kind":"Name","value":"deleted"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"galaxyClusters"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"tagName"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"galaxy"}},{"kind":"Field","name":{"kind":"Name","value":"data"}}]}},{"kind":"Field","name":{"kind":"Name","value":"reports"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"content"}},{"kind":"Field","name":{"kind":"Name","value":"distribution"}},{"kind":"Field","name":{"kind":"Name","value":"sharingGroup"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SyncSharingGroupFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"timestamp"}},{"kind":"Field","name":{"kind":"Name","value":"deleted"}}]}},{"kind":"Field","name":{"kind":"Name","value":"proposals"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"attributeId"}},{"kind":"Field","name":{"kind":"Name","value":"org"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SyncOrganisationFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"category"}},{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"toIds"}},{"kind":"Field","name":{"kind":"Name","value":"comment"}},{"kind":"Field","name":{"kind":"Name","value":"objectRelation"}},{"kind":"Field","name":{"kind":"Name","value":"firstSeen"}},{"kind":"Field","name":{"kind":"Name","value":"lastSeen"}},{"kind":"Field","name":{"kind":"Name","value":"proposalToDelete"}},{"kind":"Field","name":{"kind":"Name","value":"timestamp"}},{"kind":"Field","name":{"kind":"Name","value":"deleted"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SyncOrganisationFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SyncOrganisation"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SyncSharingGroupFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SyncSharingGroup"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"releasability"}},{"kind":"Field","name":{"kind":"Name","value":"roaming"}},{"kind":"Field","name":{"kind":"Name","value":"timestamp"}},{"kind":"Field","name":{"kind":"Name","value":"ownerOrg"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SyncOrganisationFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"organisations"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SyncOrganisationFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"hubs"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"allOrgs"}}]}}]}}]} as unknown as DocumentNode<SyncEventFieldsFragment, unknown>;
export const SyncIndexPageFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SyncIndexPageFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SyncIndexPage"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"hasMore"}},{"kind":"Field","name":{"kind":"Name","value":"entries"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"timestamp"}},{"kind":"Field","name":{"kind":"Name","value":"creatorOrgId"}},{"kind":"Field","name":{"kind":"Name","value":"creatorOrgName"}},{"kind":"Field","name":{"kind":"Name","value":"published"}},{"kind":"Field","name":{"kind":"Name","value":"deleted"}},{"kind":"Field","name":{"kind":"Name","value":"tags"}}]}}]}}]} as unknown as DocumentNode<SyncIndexPageFieldsFragment, unknown>;
export const SyncSightingPageFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SyncSightingPageFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SyncSightingPage"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"hasMore"}},{"kind":"Field","name":{"kind":"Name","value":"sightings"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"attributeId"}},{"kind":"Field","name":{"kind":"Name","value":"org"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SyncOrganisationFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"at"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SyncOrganisationFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SyncOrganisation"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]} as unknown as DocumentNode<SyncSightingPageFieldsFragment, unknown>;
export const MeDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"organisation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"OrgRef"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"OrgRef"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Organisation"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]} as unknown as DocumentNode<MeQuery, MeQueryVariables>;
export const HubInfoDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"HubInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hubInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"software"}},{"kind":"Field","name":{"kind":"Name","value":"protocolVersion"}},{"kind":"Field","name":{"kind":"Name","value":"organisation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"OrgRef"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"OrgRef"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Organisation"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]} as unknown as DocumentNode<HubInfoQuery, HubInfoQueryVariables>;
export const OrganisationsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Organisations"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"organisations"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"OrgRef"}},{"kind":"Field","name":{"kind":"Name","value":"local"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"OrgRef"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Organisation"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]} as unknown as DocumentNode<OrganisationsQuery, OrganisationsQueryVariables>;
export const CreateOrganisationDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateOrganisation"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateOrganisationInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createOrganisation"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"OrgRef"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"OrgRef"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Organisation"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]} as unknown as DocumentNode<CreateOrganisationMutation, CreateOrganisationMutationVariables>;
export const CreateUserDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateUser"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateUserInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createUser"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"organisation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"OrgRef"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"OrgRef"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Organisation"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]} as unknown as DocumentNode<CreateUserMutation, CreateUserMutationVariables>;
export const UpdateUserDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpdateUser"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpdateUserInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateUser"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"disabled"}}]}}]}}]} as unknown as DocumentNode<UpdateUserMutation, UpdateUserMutationVariables>;
export const CreateApiKeyDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateApiKey"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateApiKeyInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createApiKey"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"apiKey"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"last4"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}}]}}]}}]}}]} as unknown as DocumentNode<CreateApiKeyMutation, CreateApiKeyMutationVariables>;
export const RevokeApiKeyDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RevokeApiKey"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"revokeApiKey"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"revokedAt"}}]}}]}}]} as unknown as DocumentNode<RevokeApiKeyMutation, RevokeApiKeyMutationVariables>;
export const SharingGroupsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"SharingGroups"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sharingGroups"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"roaming"}},{"kind":"Field","name":{"kind":"Name","value":"thisHub"}},{"kind":"Field","name":{"kind":"Name","value":"thisHubAllOrgs"}},{"kind":"Field","name":{"kind":"Name","value":"organisations"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"organisation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"OrgRef"}}]}},{"kind":"Field","name":{"kind":"Name","value":"extend"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"OrgRef"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Organisation"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]} as unknown as DocumentNode<SharingGroupsQuery, SharingGroupsQueryVariables>;
export const CreateSharingGroupDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateSharingGroup"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateSharingGroupInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createSharingGroup"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"thisHubAllOrgs"}},{"kind":"Field","name":{"kind":"Name","value":"organisations"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"organisation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"OrgRef"}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"OrgRef"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Organisation"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]} as unknown as DocumentNode<CreateSharingGroupMutation, CreateSharingGroupMutationVariables>;
export const AddSharingGroupOrganisationDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"AddSharingGroupOrganisation"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"AddSharingGroupOrganisationInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"addSharingGroupOrganisation"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"organisations"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"organisation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"OrgRef"}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"OrgRef"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Organisation"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]} as unknown as DocumentNode<AddSharingGroupOrganisationMutation, AddSharingGroupOrganisationMutationVariables>;
export const RemoveSharingGroupOrganisationDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RemoveSharingGroupOrganisation"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"sharingGroupId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"organisationId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"removeSharingGroupOrganisation"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"sharingGroupId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"sharingGroupId"}}},{"kind":"Argument","name":{"kind":"Name","value":"organisationId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"organisationId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<RemoveSharingGroupOrganisationMutation, RemoveSharingGroupOrganisationMutationVariables>;
export const AddSharingGroupThisHubDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"AddSharingGroupThisHub"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"sharingGroupId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"allOrgs"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Boolean"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"addSharingGroupThisHub"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"sharingGroupId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"sharingGroupId"}}},{"kind":"Argument","name":{"kind":"Name","value":"allOrgs"},"value":{"kind":"Variable","name":{"kind":"Name","value":"allOrgs"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"thisHub"}},{"kind":"Field","name":{"kind":"Name","value":"thisHubAllOrgs"}}]}}]}}]} as unknown as DocumentNode<AddSharingGroupThisHubMutation, AddSharingGroupThisHubMutationVariables>;
export const CreateEventDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateEvent"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateEventInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createEvent"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"EventFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"OrgRef"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Organisation"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"EventFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Event"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"info"}},{"kind":"Field","name":{"kind":"Name","value":"date"}},{"kind":"Field","name":{"kind":"Name","value":"distribution"}},{"kind":"Field","name":{"kind":"Name","value":"threatLevel"}},{"kind":"Field","name":{"kind":"Name","value":"analysis"}},{"kind":"Field","name":{"kind":"Name","value":"published"}},{"kind":"Field","name":{"kind":"Name","value":"locked"}},{"kind":"Field","name":{"kind":"Name","value":"timestamp"}},{"kind":"Field","name":{"kind":"Name","value":"sharingGroup"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"creatorOrg"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"OrgRef"}}]}},{"kind":"Field","name":{"kind":"Name","value":"ownerOrg"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"OrgRef"}}]}},{"kind":"Field","name":{"kind":"Name","value":"tags"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"local"}}]}}]}}]} as unknown as DocumentNode<CreateEventMutation, CreateEventMutationVariables>;
export const UpdateEventDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpdateEvent"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpdateEventInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateEvent"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"EventFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"OrgRef"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Organisation"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"EventFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Event"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"info"}},{"kind":"Field","name":{"kind":"Name","value":"date"}},{"kind":"Field","name":{"kind":"Name","value":"distribution"}},{"kind":"Field","name":{"kind":"Name","value":"threatLevel"}},{"kind":"Field","name":{"kind":"Name","value":"analysis"}},{"kind":"Field","name":{"kind":"Name","value":"published"}},{"kind":"Field","name":{"kind":"Name","value":"locked"}},{"kind":"Field","name":{"kind":"Name","value":"timestamp"}},{"kind":"Field","name":{"kind":"Name","value":"sharingGroup"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"creatorOrg"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"OrgRef"}}]}},{"kind":"Field","name":{"kind":"Name","value":"ownerOrg"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"OrgRef"}}]}},{"kind":"Field","name":{"kind":"Name","value":"tags"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"local"}}]}}]}}]} as unknown as DocumentNode<UpdateEventMutation, UpdateEventMutationVariables>;
export const DeleteEventDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DeleteEvent"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deleteEvent"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}]}]}}]} as unknown as DocumentNode<DeleteEventMutation, DeleteEventMutationVariables>;
export const PublishEventDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"PublishEvent"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"publishEvent"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"published"}}]}}]}}]} as unknown as DocumentNode<PublishEventMutation, PublishEventMutationVariables>;
export const UnpublishEventDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UnpublishEvent"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"unpublishEvent"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"published"}}]}}]}}]} as unknown as DocumentNode<UnpublishEventMutation, UnpublishEventMutationVariables>;
export const EventDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Event"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"includeDeleted"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Boolean"}}},"defaultValue":{"kind":"BooleanValue","value":false}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"event"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"EventFields"}},{"kind":"Field","name":{"kind":"Name","value":"attributes"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"includeDeleted"},"value":{"kind":"Variable","name":{"kind":"Name","value":"includeDeleted"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"AttributeFields"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"OrgRef"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Organisation"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"EventFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Event"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"info"}},{"kind":"Field","name":{"kind":"Name","value":"date"}},{"kind":"Field","name":{"kind":"Name","value":"distribution"}},{"kind":"Field","name":{"kind":"Name","value":"threatLevel"}},{"kind":"Field","name":{"kind":"Name","value":"analysis"}},{"kind":"Field","name":{"kind":"Name","value":"published"}},{"kind":"Field","name":{"kind":"Name","value":"locked"}},{"kind":"Field","name":{"kind":"Name","value":"timestamp"}},{"kind":"Field","name":{"kind":"Name","value":"sharingGroup"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"creatorOrg"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"OrgRef"}}]}},{"kind":"Field","name":{"kind":"Name","value":"ownerOrg"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"OrgRef"}}]}},{"kind":"Field","name":{"kind":"Name","value":"tags"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"local"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AttributeFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Attribute"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"category"}},{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"toIds"}},{"kind":"Field","name":{"kind":"Name","value":"comment"}},{"kind":"Field","name":{"kind":"Name","value":"distribution"}},{"kind":"Field","name":{"kind":"Name","value":"deleted"}},{"kind":"Field","name":{"kind":"Name","value":"timestamp"}},{"kind":"Field","name":{"kind":"Name","value":"sharingGroup"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"event"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"tags"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"local"}}]}}]}}]} as unknown as DocumentNode<EventQuery, EventQueryVariables>;
export const EventsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Events"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"EventFilter"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"events"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"EventFields"}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"OrgRef"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Organisation"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"EventFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Event"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"info"}},{"kind":"Field","name":{"kind":"Name","value":"date"}},{"kind":"Field","name":{"kind":"Name","value":"distribution"}},{"kind":"Field","name":{"kind":"Name","value":"threatLevel"}},{"kind":"Field","name":{"kind":"Name","value":"analysis"}},{"kind":"Field","name":{"kind":"Name","value":"published"}},{"kind":"Field","name":{"kind":"Name","value":"locked"}},{"kind":"Field","name":{"kind":"Name","value":"timestamp"}},{"kind":"Field","name":{"kind":"Name","value":"sharingGroup"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"creatorOrg"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"OrgRef"}}]}},{"kind":"Field","name":{"kind":"Name","value":"ownerOrg"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"OrgRef"}}]}},{"kind":"Field","name":{"kind":"Name","value":"tags"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"local"}}]}}]}}]} as unknown as DocumentNode<EventsQuery, EventsQueryVariables>;
export const EventsWithAttributesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"EventsWithAttributes"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"EventFilter"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"events"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"info"}},{"kind":"Field","name":{"kind":"Name","value":"ownerOrg"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"OrgRef"}}]}},{"kind":"Field","name":{"kind":"Name","value":"creatorOrg"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"OrgRef"}}]}},{"kind":"Field","name":{"kind":"Name","value":"attributes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"tags"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"tags"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"OrgRef"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Organisation"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]} as unknown as DocumentNode<EventsWithAttributesQuery, EventsWithAttributesQueryVariables>;
export const AddAttributeDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"AddAttribute"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"AddAttributeInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"addAttribute"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"AttributeFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AttributeFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Attribute"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"category"}},{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"toIds"}},{"kind":"Field","name":{"kind":"Name","value":"comment"}},{"kind":"Field","name":{"kind":"Name","value":"distribution"}},{"kind":"Field","name":{"kind":"Name","value":"deleted"}},{"kind":"Field","name":{"kind":"Name","value":"timestamp"}},{"kind":"Field","name":{"kind":"Name","value":"sharingGroup"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"event"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"tags"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"local"}}]}}]}}]} as unknown as DocumentNode<AddAttributeMutation, AddAttributeMutationVariables>;
export const AddAttributesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"AddAttributes"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"eventId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"attributes"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"AttributeInput"}}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"addAttributes"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"eventId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"eventId"}}},{"kind":"Argument","name":{"kind":"Name","value":"attributes"},"value":{"kind":"Variable","name":{"kind":"Name","value":"attributes"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"value"}}]}}]}}]} as unknown as DocumentNode<AddAttributesMutation, AddAttributesMutationVariables>;
export const UpdateAttributeDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpdateAttribute"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpdateAttributeInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateAttribute"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"AttributeFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AttributeFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Attribute"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"category"}},{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"toIds"}},{"kind":"Field","name":{"kind":"Name","value":"comment"}},{"kind":"Field","name":{"kind":"Name","value":"distribution"}},{"kind":"Field","name":{"kind":"Name","value":"deleted"}},{"kind":"Field","name":{"kind":"Name","value":"timestamp"}},{"kind":"Field","name":{"kind":"Name","value":"sharingGroup"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"event"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"tags"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"local"}}]}}]}}]} as unknown as DocumentNode<UpdateAttributeMutation, UpdateAttributeMutationVariables>;
export const DeleteAttributeDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DeleteAttribute"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deleteAttribute"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"deleted"}}]}}]}}]} as unknown as DocumentNode<DeleteAttributeMutation, DeleteAttributeMutationVariables>;
export const AttributeDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Attribute"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"attribute"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"AttributeFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AttributeFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Attribute"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"category"}},{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"toIds"}},{"kind":"Field","name":{"kind":"Name","value":"comment"}},{"kind":"Field","name":{"kind":"Name","value":"distribution"}},{"kind":"Field","name":{"kind":"Name","value":"deleted"}},{"kind":"Field","name":{"kind":"Name","value":"timestamp"}},{"kind":"Field","name":{"kind":"Name","value":"sharingGroup"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"event"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"tags"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"local"}}]}}]}}]} as unknown as DocumentNode<AttributeQuery, AttributeQueryVariables>;
export const AttributesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Attributes"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"AttributeFilter"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"attributes"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"AttributeFields"}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AttributeFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Attribute"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"category"}},{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"toIds"}},{"kind":"Field","name":{"kind":"Name","value":"comment"}},{"kind":"Field","name":{"kind":"Name","value":"distribution"}},{"kind":"Field","name":{"kind":"Name","value":"deleted"}},{"kind":"Field","name":{"kind":"Name","value":"timestamp"}},{"kind":"Field","name":{"kind":"Name","value":"sharingGroup"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"event"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"tags"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"local"}}]}}]}}]} as unknown as DocumentNode<AttributesQuery, AttributesQueryVariables>;
export const TagsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Tags"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"tags"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"colour"}},{"kind":"Field","name":{"kind":"Name","value":"exportable"}}]}}]}}]} as unknown as DocumentNode<TagsQuery, TagsQueryVariables>;
export const CreateTagDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateTag"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateTagInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createTag"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"colour"}}]}}]}}]} as unknown as DocumentNode<CreateTagMutation, CreateTagMutationVariables>;
export const TagEventDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"TagEvent"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"TagTargetInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"tagEvent"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"tags"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"local"}}]}}]}}]}}]} as unknown as DocumentNode<TagEventMutation, TagEventMutationVariables>;
export const UntagEventDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UntagEvent"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"tag"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"untagEvent"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"tag"},"value":{"kind":"Variable","name":{"kind":"Name","value":"tag"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"tags"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"local"}}]}}]}}]}}]} as unknown as DocumentNode<UntagEventMutation, UntagEventMutationVariables>;
export const TagAttributeDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"TagAttribute"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"TagTargetInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"tagAttribute"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"tags"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"local"}}]}}]}}]}}]} as unknown as DocumentNode<TagAttributeMutation, TagAttributeMutationVariables>;
export const UntagAttributeDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UntagAttribute"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"tag"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"untagAttribute"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"tag"},"value":{"kind":"Variable","name":{"kind":"Name","value":"tag"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"tags"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"local"}}]}}]}}]}}]} as unknown as DocumentNode<UntagAttributeMutation, UntagAttributeMutationVariables>;
export const FeedsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Feeds"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"feeds"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"FeedFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"FeedFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Feed"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"format"}},{"kind":"Field","name":{"kind":"Name","value":"enabled"}},{"kind":"Field","name":{"kind":"Name","value":"distribution"}},{"kind":"Field","name":{"kind":"Name","value":"sharingGroup"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"valueColumns"}},{"kind":"Field","name":{"kind":"Name","value":"delimiter"}},{"kind":"Field","name":{"kind":"Name","value":"excludeRegex"}},{"kind":"Field","name":{"kind":"Name","value":"fixedEvent"}},{"kind":"Field","name":{"kind":"Name","value":"deltaMerge"}},{"kind":"Field","name":{"kind":"Name","value":"publish"}},{"kind":"Field","name":{"kind":"Name","value":"overrideIds"}},{"kind":"Field","name":{"kind":"Name","value":"tags"}},{"kind":"Field","name":{"kind":"Name","value":"sourceDistribution"}},{"kind":"Field","name":{"kind":"Name","value":"rules"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"tagsAllow"}},{"kind":"Field","name":{"kind":"Name","value":"tagsBlock"}},{"kind":"Field","name":{"kind":"Name","value":"orgsAllow"}},{"kind":"Field","name":{"kind":"Name","value":"orgsBlock"}}]}},{"kind":"Field","name":{"kind":"Name","value":"schedule"}},{"kind":"Field","name":{"kind":"Name","value":"headerNames"}},{"kind":"Field","name":{"kind":"Name","value":"event"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"organisation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"lastFetchAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastDurationMs"}},{"kind":"Field","name":{"kind":"Name","value":"lastNew"}},{"kind":"Field","name":{"kind":"Name","value":"lastUpdated"}},{"kind":"Field","name":{"kind":"Name","value":"lastDeleted"}},{"kind":"Field","name":{"kind":"Name","value":"lastSkipped"}},{"kind":"Field","name":{"kind":"Name","value":"lastInvalid"}},{"kind":"Field","name":{"kind":"Name","value":"lastError"}},{"kind":"Field","name":{"kind":"Name","value":"etag"}},{"kind":"Field","name":{"kind":"Name","value":"lastModified"}}]}}]} as unknown as DocumentNode<FeedsQuery, FeedsQueryVariables>;
export const FeedDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Feed"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"feed"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"FeedFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"FeedFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Feed"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"format"}},{"kind":"Field","name":{"kind":"Name","value":"enabled"}},{"kind":"Field","name":{"kind":"Name","value":"distribution"}},{"kind":"Field","name":{"kind":"Name","value":"sharingGroup"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"valueColumns"}},{"kind":"Field","name":{"kind":"Name","value":"delimiter"}},{"kind":"Field","name":{"kind":"Name","value":"excludeRegex"}},{"kind":"Field","name":{"kind":"Name","value":"fixedEvent"}},{"kind":"Field","name":{"kind":"Name","value":"deltaMerge"}},{"kind":"Field","name":{"kind":"Name","value":"publish"}},{"kind":"Field","name":{"kind":"Name","value":"overrideIds"}},{"kind":"Field","name":{"kind":"Name","value":"tags"}},{"kind":"Field","name":{"kind":"Name","value":"sourceDistribution"}},{"kind":"Field","name":{"kind":"Name","value":"rules"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"tagsAllow"}},{"kind":"Field","name":{"kind":"Name","value":"tagsBlock"}},{"kind":"Field","name":{"kind":"Name","value":"orgsAllow"}},{"kind":"Field","name":{"kind":"Name","value":"orgsBlock"}}]}},{"kind":"Field","name":{"kind":"Name","value":"schedule"}},{"kind":"Field","name":{"kind":"Name","value":"headerNames"}},{"kind":"Field","name":{"kind":"Name","value":"event"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"organisation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"lastFetchAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastDurationMs"}},{"kind":"Field","name":{"kind":"Name","value":"lastNew"}},{"kind":"Field","name":{"kind":"Name","value":"lastUpdated"}},{"kind":"Field","name":{"kind":"Name","value":"lastDeleted"}},{"kind":"Field","name":{"kind":"Name","value":"lastSkipped"}},{"kind":"Field","name":{"kind":"Name","value":"lastInvalid"}},{"kind":"Field","name":{"kind":"Name","value":"lastError"}},{"kind":"Field","name":{"kind":"Name","value":"etag"}},{"kind":"Field","name":{"kind":"Name","value":"lastModified"}}]}}]} as unknown as DocumentNode<FeedQuery, FeedQueryVariables>;
export const CreateFeedDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateFeed"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateFeedInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createFeed"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"FeedFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"FeedFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Feed"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"format"}},{"kind":"Field","name":{"kind":"Name","value":"enabled"}},{"kind":"Field","name":{"kind":"Name","value":"distribution"}},{"kind":"Field","name":{"kind":"Name","value":"sharingGroup"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"valueColumns"}},{"kind":"Field","name":{"kind":"Name","value":"delimiter"}},{"kind":"Field","name":{"kind":"Name","value":"excludeRegex"}},{"kind":"Field","name":{"kind":"Name","value":"fixedEvent"}},{"kind":"Field","name":{"kind":"Name","value":"deltaMerge"}},{"kind":"Field","name":{"kind":"Name","value":"publish"}},{"kind":"Field","name":{"kind":"Name","value":"overrideIds"}},{"kind":"Field","name":{"kind":"Name","value":"tags"}},{"kind":"Field","name":{"kind":"Name","value":"sourceDistribution"}},{"kind":"Field","name":{"kind":"Name","value":"rules"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"tagsAllow"}},{"kind":"Field","name":{"kind":"Name","value":"tagsBlock"}},{"kind":"Field","name":{"kind":"Name","value":"orgsAllow"}},{"kind":"Field","name":{"kind":"Name","value":"orgsBlock"}}]}},{"kind":"Field","name":{"kind":"Name","value":"schedule"}},{"kind":"Field","name":{"kind":"Name","value":"headerNames"}},{"kind":"Field","name":{"kind":"Name","value":"event"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"organisation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"lastFetchAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastDurationMs"}},{"kind":"Field","name":{"kind":"Name","value":"lastNew"}},{"kind":"Field","name":{"kind":"Name","value":"lastUpdated"}},{"kind":"Field","name":{"kind":"Name","value":"lastDeleted"}},{"kind":"Field","name":{"kind":"Name","value":"lastSkipped"}},{"kind":"Field","name":{"kind":"Name","value":"lastInvalid"}},{"kind":"Field","name":{"kind":"Name","value":"lastError"}},{"kind":"Field","name":{"kind":"Name","value":"etag"}},{"kind":"Field","name":{"kind":"Name","value":"lastModified"}}]}}]} as unknown as DocumentNode<CreateFeedMutation, CreateFeedMutationVariables>;
export const UpdateFeedDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpdateFeed"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpdateFeedInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateFeed"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"FeedFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"FeedFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Feed"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"format"}},{"kind":"Field","name":{"kind":"Name","value":"enabled"}},{"kind":"Field","name":{"kind":"Name","value":"distribution"}},{"kind":"Field","name":{"kind":"Name","value":"sharingGroup"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"valueColumns"}},{"kind":"Field","name":{"kind":"Name","value":"delimiter"}},{"kind":"Field","name":{"kind":"Name","value":"excludeRegex"}},{"kind":"Field","name":{"kind":"Name","value":"fixedEvent"}},{"kind":"Field","name":{"kind":"Name","value":"deltaMerge"}},{"kind":"Field","name":{"kind":"Name","value":"publish"}},{"kind":"Field","name":{"kind":"Name","value":"overrideIds"}},{"kind":"Field","name":{"kind":"Name","value":"tags"}},{"kind":"Field","name":{"kind":"Name","value":"sourceDistribution"}},{"kind":"Field","name":{"kind":"Name","value":"rules"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"tagsAllow"}},{"kind":"Field","name":{"kind":"Name","value":"tagsBlock"}},{"kind":"Field","name":{"kind":"Name","value":"orgsAllow"}},{"kind":"Field","name":{"kind":"Name","value":"orgsBlock"}}]}},{"kind":"Field","name":{"kind":"Name","value":"schedule"}},{"kind":"Field","name":{"kind":"Name","value":"headerNames"}},{"kind":"Field","name":{"kind":"Name","value":"event"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"organisation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"lastFetchAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastDurationMs"}},{"kind":"Field","name":{"kind":"Name","value":"lastNew"}},{"kind":"Field","name":{"kind":"Name","value":"lastUpdated"}},{"kind":"Field","name":{"kind":"Name","value":"lastDeleted"}},{"kind":"Field","name":{"kind":"Name","value":"lastSkipped"}},{"kind":"Field","name":{"kind":"Name","value":"lastInvalid"}},{"kind":"Field","name":{"kind":"Name","value":"lastError"}},{"kind":"Field","name":{"kind":"Name","value":"etag"}},{"kind":"Field","name":{"kind":"Name","value":"lastModified"}}]}}]} as unknown as DocumentNode<UpdateFeedMutation, UpdateFeedMutationVariables>;
export const DeleteFeedDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DeleteFeed"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deleteFeed"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}]}]}}]} as unknown as DocumentNode<DeleteFeedMutation, DeleteFeedMutationVariables>;
export const LoadDefaultFeedsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"LoadDefaultFeeds"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"loadDefaultFeeds"}}]}}]} as unknown as DocumentNode<LoadDefaultFeedsMutation, LoadDefaultFeedsMutationVariables>;
export const FetchFeedDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"FetchFeed"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"fetchFeed"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"FeedFetchResultFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"FeedFetchResultFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"FeedFetchResult"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"new"}},{"kind":"Field","name":{"kind":"Name","value":"updated"}},{"kind":"Field","name":{"kind":"Name","value":"deleted"}},{"kind":"Field","name":{"kind":"Name","value":"skipped"}},{"kind":"Field","name":{"kind":"Name","value":"invalid"}},{"kind":"Field","name":{"kind":"Name","value":"notModified"}},{"kind":"Field","name":{"kind":"Name","value":"eventId"}},{"kind":"Field","name":{"kind":"Name","value":"error"}},{"kind":"Field","name":{"kind":"Name","value":"durationMs"}},{"kind":"Field","name":{"kind":"Name","value":"refused"}},{"kind":"Field","name":{"kind":"Name","value":"eventsCreated"}},{"kind":"Field","name":{"kind":"Name","value":"eventsUpdated"}},{"kind":"Field","name":{"kind":"Name","value":"eventsSkipped"}},{"kind":"Field","name":{"kind":"Name","value":"eventsFailed"}},{"kind":"Field","name":{"kind":"Name","value":"problems"}}]}}]} as unknown as DocumentNode<FetchFeedMutation, FetchFeedMutationVariables>;
export const EnableFeedDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"EnableFeed"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"enableFeed"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"FeedFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"FeedFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Feed"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"format"}},{"kind":"Field","name":{"kind":"Name","value":"enabled"}},{"kind":"Field","name":{"kind":"Name","value":"distribution"}},{"kind":"Field","name":{"kind":"Name","value":"sharingGroup"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"valueColumns"}},{"kind":"Field","name":{"kind":"Name","value":"delimiter"}},{"kind":"Field","name":{"kind":"Name","value":"excludeRegex"}},{"kind":"Field","name":{"kind":"Name","value":"fixedEvent"}},{"kind":"Field","name":{"kind":"Name","value":"deltaMerge"}},{"kind":"Field","name":{"kind":"Name","value":"publish"}},{"kind":"Field","name":{"kind":"Name","value":"overrideIds"}},{"kind":"Field","name":{"kind":"Name","value":"tags"}},{"kind":"Field","name":{"kind":"Name","value":"sourceDistribution"}},{"kind":"Field","name":{"kind":"Name","value":"rules"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"tagsAllow"}},{"kind":"Field","name":{"kind":"Name","value":"tagsBlock"}},{"kind":"Field","name":{"kind":"Name","value":"orgsAllow"}},{"kind":"Field","name":{"kind":"Name","value":"orgsBlock"}}]}},{"kind":"Field","name":{"kind":"Name","value":"schedule"}},{"kind":"Field","name":{"kind":"Name","value":"headerNames"}},{"kind":"Field","name":{"kind":"Name","value":"event"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"organisation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"lastFetchAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastDurationMs"}},{"kind":"Field","name":{"kind":"Name","value":"lastNew"}},{"kind":"Field","name":{"kind":"Name","value":"lastUpdated"}},{"kind":"Field","name":{"kind":"Name","value":"lastDeleted"}},{"kind":"Field","name":{"kind":"Name","value":"lastSkipped"}},{"kind":"Field","name":{"kind":"Name","value":"lastInvalid"}},{"kind":"Field","name":{"kind":"Name","value":"lastError"}},{"kind":"Field","name":{"kind":"Name","value":"etag"}},{"kind":"Field","name":{"kind":"Name","value":"lastModified"}}]}}]} as unknown as DocumentNode<EnableFeedMutation, EnableFeedMutationVariables>;
export const DisableFeedDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DisableFeed"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"disableFeed"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"FeedFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"FeedFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Feed"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"format"}},{"kind":"Field","name":{"kind":"Name","value":"enabled"}},{"kind":"Field","name":{"kind":"Name","value":"distribution"}},{"kind":"Field","name":{"kind":"Name","value":"sharingGroup"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"valueColumns"}},{"kind":"Field","name":{"kind":"Name","value":"delimiter"}},{"kind":"Field","name":{"kind":"Name","value":"excludeRegex"}},{"kind":"Field","name":{"kind":"Name","value":"fixedEvent"}},{"kind":"Field","name":{"kind":"Name","value":"deltaMerge"}},{"kind":"Field","name":{"kind":"Name","value":"publish"}},{"kind":"Field","name":{"kind":"Name","value":"overrideIds"}},{"kind":"Field","name":{"kind":"Name","value":"tags"}},{"kind":"Field","name":{"kind":"Name","value":"sourceDistribution"}},{"kind":"Field","name":{"kind":"Name","value":"rules"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"tagsAllow"}},{"kind":"Field","name":{"kind":"Name","value":"tagsBlock"}},{"kind":"Field","name":{"kind":"Name","value":"orgsAllow"}},{"kind":"Field","name":{"kind":"Name","value":"orgsBlock"}}]}},{"kind":"Field","name":{"kind":"Name","value":"schedule"}},{"kind":"Field","name":{"kind":"Name","value":"headerNames"}},{"kind":"Field","name":{"kind":"Name","value":"event"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"organisation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"lastFetchAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastDurationMs"}},{"kind":"Field","name":{"kind":"Name","value":"lastNew"}},{"kind":"Field","name":{"kind":"Name","value":"lastUpdated"}},{"kind":"Field","name":{"kind":"Name","value":"lastDeleted"}},{"kind":"Field","name":{"kind":"Name","value":"lastSkipped"}},{"kind":"Field","name":{"kind":"Name","value":"lastInvalid"}},{"kind":"Field","name":{"kind":"Name","value":"lastError"}},{"kind":"Field","name":{"kind":"Name","value":"etag"}},{"kind":"Field","name":{"kind":"Name","value":"lastModified"}}]}}]} as unknown as DocumentNode<DisableFeedMutation, DisableFeedMutationVariables>;
export const FetchAllFeedsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"FetchAllFeeds"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"fetchAllFeeds"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"feedId"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"result"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"FeedFetchResultFields"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"FeedFetchResultFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"FeedFetchResult"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"new"}},{"kind":"Field","name":{"kind":"Name","value":"updated"}},{"kind":"Field","name":{"kind":"Name","value":"deleted"}},{"kind":"Field","name":{"kind":"Name","value":"skipped"}},{"kind":"Field","name":{"kind":"Name","value":"invalid"}},{"kind":"Field","name":{"kind":"Name","value":"notModified"}},{"kind":"Field","name":{"kind":"Name","value":"eventId"}},{"kind":"Field","name":{"kind":"Name","value":"error"}},{"kind":"Field","name":{"kind":"Name","value":"durationMs"}},{"kind":"Field","name":{"kind":"Name","value":"refused"}},{"kind":"Field","name":{"kind":"Name","value":"eventsCreated"}},{"kind":"Field","name":{"kind":"Name","value":"eventsUpdated"}},{"kind":"Field","name":{"kind":"Name","value":"eventsSkipped"}},{"kind":"Field","name":{"kind":"Name","value":"eventsFailed"}},{"kind":"Field","name":{"kind":"Name","value":"problems"}}]}}]} as unknown as DocumentNode<FetchAllFeedsMutation, FetchAllFeedsMutationVariables>;
export const PreviewFeedDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PreviewFeed"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"limit"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"previewFeed"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"limit"},"value":{"kind":"Variable","name":{"kind":"Name","value":"limit"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"values"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"eventId"}}]}},{"kind":"Field","name":{"kind":"Name","value":"invalid"}},{"kind":"Field","name":{"kind":"Name","value":"error"}}]}}]}}]} as unknown as DocumentNode<PreviewFeedQuery, PreviewFeedQueryVariables>;
export const FeedFetchProgressDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"FeedFetchProgress"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"feedId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"feedFetchProgress"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"feedId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"feedId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"feedId"}},{"kind":"Field","name":{"kind":"Name","value":"phase"}},{"kind":"Field","name":{"kind":"Name","value":"rows"}},{"kind":"Field","name":{"kind":"Name","value":"new"}},{"kind":"Field","name":{"kind":"Name","value":"invalid"}},{"kind":"Field","name":{"kind":"Name","value":"eventsTotal"}},{"kind":"Field","name":{"kind":"Name","value":"eventsDone"}},{"kind":"Field","name":{"kind":"Name","value":"done"}},{"kind":"Field","name":{"kind":"Name","value":"error"}}]}}]}}]} as unknown as DocumentNode<FeedFetchProgressSubscription, FeedFetchProgressSubscriptionVariables>;
export const FeedChangeLogDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"FeedChangeLog"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"since"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"changes"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"since"},"value":{"kind":"Variable","name":{"kind":"Name","value":"since"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"changes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"op"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"eventId"}}]}},{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"hasMore"}}]}}]}}]} as unknown as DocumentNode<FeedChangeLogQuery, FeedChangeLogQueryVariables>;
export const EventAttributePageDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"EventAttributePage"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"includeDeleted"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Boolean"}}},"defaultValue":{"kind":"BooleanValue","value":false}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"event"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"attributeCount"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"includeDeleted"},"value":{"kind":"Variable","name":{"kind":"Name","value":"includeDeleted"}}}]},{"kind":"Field","name":{"kind":"Name","value":"attributes"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"includeDeleted"},"value":{"kind":"Variable","name":{"kind":"Name","value":"includeDeleted"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"value"}}]}}]}}]}}]} as unknown as DocumentNode<EventAttributePageQuery, EventAttributePageQueryVariables>;
export const AddObjectDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"AddObject"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"AddObjectInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"addObject"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ObjectFields"}},{"kind":"Field","name":{"kind":"Name","value":"attributes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"objectRelation"}},{"kind":"Field","name":{"kind":"Name","value":"comment"}},{"kind":"Field","name":{"kind":"Name","value":"object"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"references"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ObjectReferenceFields"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ObjectFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Object"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"metaCategory"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"templateUuid"}},{"kind":"Field","name":{"kind":"Name","value":"templateVersion"}},{"kind":"Field","name":{"kind":"Name","value":"comment"}},{"kind":"Field","name":{"kind":"Name","value":"distribution"}},{"kind":"Field","name":{"kind":"Name","value":"sharingGroup"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"firstSeen"}},{"kind":"Field","name":{"kind":"Name","value":"lastSeen"}},{"kind":"Field","name":{"kind":"Name","value":"deleted"}},{"kind":"Field","name":{"kind":"Name","value":"timestamp"}},{"kind":"Field","name":{"kind":"Name","value":"event"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ObjectReferenceFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ObjectReference"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"targetUuid"}},{"kind":"Field","name":{"kind":"Name","value":"relationshipType"}},{"kind":"Field","name":{"kind":"Name","value":"comment"}},{"kind":"Field","name":{"kind":"Name","value":"deleted"}},{"kind":"Field","name":{"kind":"Name","value":"object"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<AddObjectMutation, AddObjectMutationVariables>;
export const UpdateObjectDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpdateObject"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpdateObjectInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateObject"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ObjectFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ObjectFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Object"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"metaCategory"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"templateUuid"}},{"kind":"Field","name":{"kind":"Name","value":"templateVersion"}},{"kind":"Field","name":{"kind":"Name","value":"comment"}},{"kind":"Field","name":{"kind":"Name","value":"distribution"}},{"kind":"Field","name":{"kind":"Name","value":"sharingGroup"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"firstSeen"}},{"kind":"Field","name":{"kind":"Name","value":"lastSeen"}},{"kind":"Field","name":{"kind":"Name","value":"deleted"}},{"kind":"Field","name":{"kind":"Name","value":"timestamp"}},{"kind":"Field","name":{"kind":"Name","value":"event"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<UpdateObjectMutation, UpdateObjectMutationVariables>;
export const DeleteObjectDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DeleteObject"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deleteObject"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ObjectFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ObjectFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Object"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"metaCategory"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"templateUuid"}},{"kind":"Field","name":{"kind":"Name","value":"templateVersion"}},{"kind":"Field","name":{"kind":"Name","value":"comment"}},{"kind":"Field","name":{"kind":"Name","value":"distribution"}},{"kind":"Field","name":{"kind":"Name","value":"sharingGroup"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"firstSeen"}},{"kind":"Field","name":{"kind":"Name","value":"lastSeen"}},{"kind":"Field","name":{"kind":"Name","value":"deleted"}},{"kind":"Field","name":{"kind":"Name","value":"timestamp"}},{"kind":"Field","name":{"kind":"Name","value":"event"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<DeleteObjectMutation, DeleteObjectMutationVariables>;
export const AddObjectReferenceDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"AddObjectReference"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"AddObjectReferenceInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"addObjectReference"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ObjectReferenceFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ObjectReferenceFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ObjectReference"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"targetUuid"}},{"kind":"Field","name":{"kind":"Name","value":"relationshipType"}},{"kind":"Field","name":{"kind":"Name","value":"comment"}},{"kind":"Field","name":{"kind":"Name","value":"deleted"}},{"kind":"Field","name":{"kind":"Name","value":"object"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<AddObjectReferenceMutation, AddObjectReferenceMutationVariables>;
export const DeleteObjectReferenceDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DeleteObjectReference"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deleteObjectReference"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ObjectReferenceFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ObjectReferenceFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ObjectReference"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"targetUuid"}},{"kind":"Field","name":{"kind":"Name","value":"relationshipType"}},{"kind":"Field","name":{"kind":"Name","value":"comment"}},{"kind":"Field","name":{"kind":"Name","value":"deleted"}},{"kind":"Field","name":{"kind":"Name","value":"object"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<DeleteObjectReferenceMutation, DeleteObjectReferenceMutationVariables>;
export const ObjectDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Object"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"includeDeleted"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Boolean"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"object"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ObjectFields"}},{"kind":"Field","name":{"kind":"Name","value":"attributes"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"includeDeleted"},"value":{"kind":"Variable","name":{"kind":"Name","value":"includeDeleted"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"objectRelation"}},{"kind":"Field","name":{"kind":"Name","value":"comment"}},{"kind":"Field","name":{"kind":"Name","value":"deleted"}}]}},{"kind":"Field","name":{"kind":"Name","value":"references"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ObjectReferenceFields"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ObjectFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Object"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"metaCategory"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"templateUuid"}},{"kind":"Field","name":{"kind":"Name","value":"templateVersion"}},{"kind":"Field","name":{"kind":"Name","value":"comment"}},{"kind":"Field","name":{"kind":"Name","value":"distribution"}},{"kind":"Field","name":{"kind":"Name","value":"sharingGroup"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"firstSeen"}},{"kind":"Field","name":{"kind":"Name","value":"lastSeen"}},{"kind":"Field","name":{"kind":"Name","value":"deleted"}},{"kind":"Field","name":{"kind":"Name","value":"timestamp"}},{"kind":"Field","name":{"kind":"Name","value":"event"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ObjectReferenceFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ObjectReference"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"targetUuid"}},{"kind":"Field","name":{"kind":"Name","value":"relationshipType"}},{"kind":"Field","name":{"kind":"Name","value":"comment"}},{"kind":"Field","name":{"kind":"Name","value":"deleted"}},{"kind":"Field","name":{"kind":"Name","value":"object"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<ObjectQuery, ObjectQueryVariables>;
export const EventObjectsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"EventObjects"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"includeDeleted"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Boolean"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"event"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"objectCount"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"includeDeleted"},"value":{"kind":"Variable","name":{"kind":"Name","value":"includeDeleted"}}}]},{"kind":"Field","name":{"kind":"Name","value":"attributeCount"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"includeDeleted"},"value":{"kind":"Variable","name":{"kind":"Name","value":"includeDeleted"}}}]},{"kind":"Field","name":{"kind":"Name","value":"attributes"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"includeDeleted"},"value":{"kind":"Variable","name":{"kind":"Name","value":"includeDeleted"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"comment"}},{"kind":"Field","name":{"kind":"Name","value":"objectRelation"}},{"kind":"Field","name":{"kind":"Name","value":"object"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"objects"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"includeDeleted"},"value":{"kind":"Variable","name":{"kind":"Name","value":"includeDeleted"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ObjectFields"}},{"kind":"Field","name":{"kind":"Name","value":"attributes"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"includeDeleted"},"value":{"kind":"Variable","name":{"kind":"Name","value":"includeDeleted"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"objectRelation"}},{"kind":"Field","name":{"kind":"Name","value":"comment"}},{"kind":"Field","name":{"kind":"Name","value":"deleted"}}]}},{"kind":"Field","name":{"kind":"Name","value":"references"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ObjectReferenceFields"}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ObjectFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Object"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"metaCategory"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"templateUuid"}},{"kind":"Field","name":{"kind":"Name","value":"templateVersion"}},{"kind":"Field","name":{"kind":"Name","value":"comment"}},{"kind":"Field","name":{"kind":"Name","value":"distribution"}},{"kind":"Field","name":{"kind":"Name","value":"sharingGroup"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"firstSeen"}},{"kind":"Field","name":{"kind":"Name","value":"lastSeen"}},{"kind":"Field","name":{"kind":"Name","value":"deleted"}},{"kind":"Field","name":{"kind":"Name","value":"timestamp"}},{"kind":"Field","name":{"kind":"Name","value":"event"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ObjectReferenceFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ObjectReference"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"targetUuid"}},{"kind":"Field","name":{"kind":"Name","value":"relationshipType"}},{"kind":"Field","name":{"kind":"Name","value":"comment"}},{"kind":"Field","name":{"kind":"Name","value":"deleted"}},{"kind":"Field","name":{"kind":"Name","value":"object"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<EventObjectsQuery, EventObjectsQueryVariables>;
export const EventsWithObjectsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"EventsWithObjects"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"EventFilter"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"events"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"objectCount"}},{"kind":"Field","name":{"kind":"Name","value":"objects"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"10"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"attributes"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"10"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"object"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"references"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"10"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"targetUuid"}}]}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<EventsWithObjectsQuery, EventsWithObjectsQueryVariables>;
export const AttributeObjectDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AttributeObject"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"attribute"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"objectRelation"}},{"kind":"Field","name":{"kind":"Name","value":"object"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"event"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}}]}}]} as unknown as DocumentNode<AttributeObjectQuery, AttributeObjectQueryVariables>;
export const ObjectAttributeAddedDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"ObjectAttributeAdded"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"AttributeFilter"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"since"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"attributeAdded"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}},{"kind":"Argument","name":{"kind":"Name","value":"since"},"value":{"kind":"Variable","name":{"kind":"Name","value":"since"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"comment"}},{"kind":"Field","name":{"kind":"Name","value":"objectRelation"}},{"kind":"Field","name":{"kind":"Name","value":"changeCursor"}},{"kind":"Field","name":{"kind":"Name","value":"object"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"distribution"}}]}},{"kind":"Field","name":{"kind":"Name","value":"event"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}}]} as unknown as DocumentNode<ObjectAttributeAddedSubscription, ObjectAttributeAddedSubscriptionVariables>;
export const PeersDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Peers"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"peers"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"PeerFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"OrgRef"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Organisation"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PeerFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Peer"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"hubUuid"}},{"kind":"Field","name":{"kind":"Name","value":"push"}},{"kind":"Field","name":{"kind":"Name","value":"pull"}},{"kind":"Field","name":{"kind":"Name","value":"internal"}},{"kind":"Field","name":{"kind":"Name","value":"tlsVerify"}},{"kind":"Field","name":{"kind":"Name","value":"schedule"}},{"kind":"Field","name":{"kind":"Name","value":"organisation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"OrgRef"}}]}},{"kind":"Field","name":{"kind":"Name","value":"lastPullAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastPushAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastError"}},{"kind":"Field","name":{"kind":"Name","value":"failures"}},{"kind":"Field","name":{"kind":"Name","value":"retryAfter"}},{"kind":"Field","name":{"kind":"Name","value":"pulledCount"}},{"kind":"Field","name":{"kind":"Name","value":"pushedCount"}},{"kind":"Field","name":{"kind":"Name","value":"skippedCount"}},{"kind":"Field","name":{"kind":"Name","value":"failedCount"}},{"kind":"Field","name":{"kind":"Name","value":"pushLag"}}]}}]} as unknown as DocumentNode<PeersQuery, PeersQueryVariables>;
export const PeerDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Peer"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"peer"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"PeerFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"OrgRef"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Organisation"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PeerFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Peer"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"hubUuid"}},{"kind":"Field","name":{"kind":"Name","value":"push"}},{"kind":"Field","name":{"kind":"Name","value":"pull"}},{"kind":"Field","name":{"kind":"Name","value":"internal"}},{"kind":"Field","name":{"kind":"Name","value":"tlsVerify"}},{"kind":"Field","name":{"kind":"Name","value":"schedule"}},{"kind":"Field","name":{"kind":"Name","value":"organisation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"OrgRef"}}]}},{"kind":"Field","name":{"kind":"Name","value":"lastPullAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastPushAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastError"}},{"kind":"Field","name":{"kind":"Name","value":"failures"}},{"kind":"Field","name":{"kind":"Name","value":"retryAfter"}},{"kind":"Field","name":{"kind":"Name","value":"pulledCount"}},{"kind":"Field","name":{"kind":"Name","value":"pushedCount"}},{"kind":"Field","name":{"kind":"Name","value":"skippedCount"}},{"kind":"Field","name":{"kind":"Name","value":"failedCount"}},{"kind":"Field","name":{"kind":"Name","value":"pushLag"}}]}}]} as unknown as DocumentNode<PeerQuery, PeerQueryVariables>;
export const CreatePeerDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreatePeer"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreatePeerInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createPeer"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"PeerFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"OrgRef"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Organisation"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PeerFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Peer"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"hubUuid"}},{"kind":"Field","name":{"kind":"Name","value":"push"}},{"kind":"Field","name":{"kind":"Name","value":"pull"}},{"kind":"Field","name":{"kind":"Name","value":"internal"}},{"kind":"Field","name":{"kind":"Name","value":"tlsVerify"}},{"kind":"Field","name":{"kind":"Name","value":"schedule"}},{"kind":"Field","name":{"kind":"Name","value":"organisation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"OrgRef"}}]}},{"kind":"Field","name":{"kind":"Name","value":"lastPullAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastPushAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastError"}},{"kind":"Field","name":{"kind":"Name","value":"failures"}},{"kind":"Field","name":{"kind":"Name","value":"retryAfter"}},{"kind":"Field","name":{"kind":"Name","value":"pulledCount"}},{"kind":"Field","name":{"kind":"Name","value":"pushedCount"}},{"kind":"Field","name":{"kind":"Name","value":"skippedCount"}},{"kind":"Field","name":{"kind":"Name","value":"failedCount"}},{"kind":"Field","name":{"kind":"Name","value":"pushLag"}}]}}]} as unknown as DocumentNode<CreatePeerMutation, CreatePeerMutationVariables>;
export const UpdatePeerDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpdatePeer"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpdatePeerInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updatePeer"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"PeerFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"OrgRef"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Organisation"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PeerFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Peer"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"hubUuid"}},{"kind":"Field","name":{"kind":"Name","value":"push"}},{"kind":"Field","name":{"kind":"Name","value":"pull"}},{"kind":"Field","name":{"kind":"Name","value":"internal"}},{"kind":"Field","name":{"kind":"Name","value":"tlsVerify"}},{"kind":"Field","name":{"kind":"Name","value":"schedule"}},{"kind":"Field","name":{"kind":"Name","value":"organisation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"OrgRef"}}]}},{"kind":"Field","name":{"kind":"Name","value":"lastPullAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastPushAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastError"}},{"kind":"Field","name":{"kind":"Name","value":"failures"}},{"kind":"Field","name":{"kind":"Name","value":"retryAfter"}},{"kind":"Field","name":{"kind":"Name","value":"pulledCount"}},{"kind":"Field","name":{"kind":"Name","value":"pushedCount"}},{"kind":"Field","name":{"kind":"Name","value":"skippedCount"}},{"kind":"Field","name":{"kind":"Name","value":"failedCount"}},{"kind":"Field","name":{"kind":"Name","value":"pushLag"}}]}}]} as unknown as DocumentNode<UpdatePeerMutation, UpdatePeerMutationVariables>;
export const DeletePeerDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DeletePeer"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deletePeer"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}]}]}}]} as unknown as DocumentNode<DeletePeerMutation, DeletePeerMutationVariables>;
export const TestPeerDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"TestPeer"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"testPeer"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ok"}},{"kind":"Field","name":{"kind":"Name","value":"hubId"}},{"kind":"Field","name":{"kind":"Name","value":"software"}},{"kind":"Field","name":{"kind":"Name","value":"protocolVersion"}},{"kind":"Field","name":{"kind":"Name","value":"organisationName"}},{"kind":"Field","name":{"kind":"Name","value":"error"}},{"kind":"Field","name":{"kind":"Name","value":"httpStatus"}},{"kind":"Field","name":{"kind":"Name","value":"speaksProtocol"}}]}}]}}]} as unknown as DocumentNode<TestPeerMutation, TestPeerMutationVariables>;
export const PullFromPeerDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"PullFromPeer"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"pullFromPeer"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SyncResultFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SyncResultFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SyncResult"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sightingsCreated"}},{"kind":"Field","name":{"kind":"Name","value":"sightingsSkipped"}},{"kind":"Field","name":{"kind":"Name","value":"created"}},{"kind":"Field","name":{"kind":"Name","value":"updated"}},{"kind":"Field","name":{"kind":"Name","value":"deleted"}},{"kind":"Field","name":{"kind":"Name","value":"skipped"}},{"kind":"Field","name":{"kind":"Name","value":"failed"}},{"kind":"Field","name":{"kind":"Name","value":"requests"}},{"kind":"Field","name":{"kind":"Name","value":"error"}},{"kind":"Field","name":{"kind":"Name","value":"skippedReasons"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"count"}},{"kind":"Field","name":{"kind":"Name","value":"eventIds"}}]}}]}}]} as unknown as DocumentNode<PullFromPeerMutation, PullFromPeerMutationVariables>;
export const PushToPeerDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"PushToPeer"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"pushToPeer"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SyncResultFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SyncResultFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SyncResult"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sightingsCreated"}},{"kind":"Field","name":{"kind":"Name","value":"sightingsSkipped"}},{"kind":"Field","name":{"kind":"Name","value":"created"}},{"kind":"Field","name":{"kind":"Name","value":"updated"}},{"kind":"Field","name":{"kind":"Name","value":"deleted"}},{"kind":"Field","name":{"kind":"Name","value":"skipped"}},{"kind":"Field","name":{"kind":"Name","value":"failed"}},{"kind":"Field","name":{"kind":"Name","value":"requests"}},{"kind":"Field","name":{"kind":"Name","value":"error"}},{"kind":"Field","name":{"kind":"Name","value":"skippedReasons"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"count"}},{"kind":"Field","name":{"kind":"Name","value":"eventIds"}}]}}]}}]} as unknown as DocumentNode<PushToPeerMutation, PushToPeerMutationVariables>;
export const RemoveSharingGroupThisHubDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RemoveSharingGroupThisHub"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"sharingGroupId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"removeSharingGroupThisHub"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"sharingGroupId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"sharingGroupId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"thisHub"}},{"kind":"Field","name":{"kind":"Name","value":"thisHubAllOrgs"}}]}}]}}]} as unknown as DocumentNode<RemoveSharingGroupThisHubMutation, RemoveSharingGroupThisHubMutationVariables>;
export const SharingGroupDetailDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"SharingGroupDetail"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sharingGroup"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"roaming"}},{"kind":"Field","name":{"kind":"Name","value":"thisHub"}},{"kind":"Field","name":{"kind":"Name","value":"thisHubAllOrgs"}},{"kind":"Field","name":{"kind":"Name","value":"peerHubs"}},{"kind":"Field","name":{"kind":"Name","value":"ownerOrg"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"OrgRef"}}]}},{"kind":"Field","name":{"kind":"Name","value":"organisations"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"organisation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"OrgRef"}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"OrgRef"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Organisation"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]} as unknown as DocumentNode<SharingGroupDetailQuery, SharingGroupDetailQueryVariables>;
export const FederatedEventsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"FederatedEvents"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"EventFilter"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"events"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"info"}},{"kind":"Field","name":{"kind":"Name","value":"distribution"}},{"kind":"Field","name":{"kind":"Name","value":"published"}},{"kind":"Field","name":{"kind":"Name","value":"locked"}},{"kind":"Field","name":{"kind":"Name","value":"timestamp"}},{"kind":"Field","name":{"kind":"Name","value":"sharingGroup"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"creatorOrg"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"OrgRef"}}]}},{"kind":"Field","name":{"kind":"Name","value":"ownerOrg"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"OrgRef"}}]}},{"kind":"Field","name":{"kind":"Name","value":"tags"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"local"}}]}},{"kind":"Field","name":{"kind":"Name","value":"attributes"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"includeDeleted"},"value":{"kind":"BooleanValue","value":true}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"distribution"}},{"kind":"Field","name":{"kind":"Name","value":"deleted"}},{"kind":"Field","name":{"kind":"Name","value":"timestamp"}},{"kind":"Field","name":{"kind":"Name","value":"sharingGroup"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"tags"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"local"}}]}}]}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"OrgRef"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Organisation"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]} as unknown as DocumentNode<FederatedEventsQuery, FederatedEventsQueryVariables>;
export const AddSharingGroupPeerDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"AddSharingGroupPeer"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"sharingGroupId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"peerId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"allOrgs"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Boolean"}}},"defaultValue":{"kind":"BooleanValue","value":false}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"addSharingGroupPeer"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"sharingGroupId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"sharingGroupId"}}},{"kind":"Argument","name":{"kind":"Name","value":"peerId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"peerId"}}},{"kind":"Argument","name":{"kind":"Name","value":"allOrgs"},"value":{"kind":"Variable","name":{"kind":"Name","value":"allOrgs"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"thisHub"}},{"kind":"Field","name":{"kind":"Name","value":"peerHubs"}}]}}]}}]} as unknown as DocumentNode<AddSharingGroupPeerMutation, AddSharingGroupPeerMutationVariables>;
export const EventReportsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"EventReports"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"event"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"timestamp"}},{"kind":"Field","name":{"kind":"Name","value":"published"}},{"kind":"Field","name":{"kind":"Name","value":"reports"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"EventReportFields"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"EventReportFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"EventReport"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"content"}},{"kind":"Field","name":{"kind":"Name","value":"distribution"}},{"kind":"Field","name":{"kind":"Name","value":"timestamp"}},{"kind":"Field","name":{"kind":"Name","value":"deleted"}},{"kind":"Field","name":{"kind":"Name","value":"sharingGroup"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"event"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<EventReportsQuery, EventReportsQueryVariables>;
export const EventReportDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"EventReport"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"eventReport"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"EventReportFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"EventReportFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"EventReport"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"content"}},{"kind":"Field","name":{"kind":"Name","value":"distribution"}},{"kind":"Field","name":{"kind":"Name","value":"timestamp"}},{"kind":"Field","name":{"kind":"Name","value":"deleted"}},{"kind":"Field","name":{"kind":"Name","value":"sharingGroup"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"event"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<EventReportQuery, EventReportQueryVariables>;
export const AddEventReportDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"AddEventReport"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"AddEventReportInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"addEventReport"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"EventReportFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"EventReportFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"EventReport"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"content"}},{"kind":"Field","name":{"kind":"Name","value":"distribution"}},{"kind":"Field","name":{"kind":"Name","value":"timestamp"}},{"kind":"Field","name":{"kind":"Name","value":"deleted"}},{"kind":"Field","name":{"kind":"Name","value":"sharingGroup"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"event"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<AddEventReportMutation, AddEventReportMutationVariables>;
export const UpdateEventReportDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpdateEventReport"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpdateEventReportInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateEventReport"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"EventReportFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"EventReportFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"EventReport"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"content"}},{"kind":"Field","name":{"kind":"Name","value":"distribution"}},{"kind":"Field","name":{"kind":"Name","value":"timestamp"}},{"kind":"Field","name":{"kind":"Name","value":"deleted"}},{"kind":"Field","name":{"kind":"Name","value":"sharingGroup"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"event"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<UpdateEventReportMutation, UpdateEventReportMutationVariables>;
export const DeleteEventReportDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DeleteEventReport"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deleteEventReport"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"EventReportFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"EventReportFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"EventReport"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"content"}},{"kind":"Field","name":{"kind":"Name","value":"distribution"}},{"kind":"Field","name":{"kind":"Name","value":"timestamp"}},{"kind":"Field","name":{"kind":"Name","value":"deleted"}},{"kind":"Field","name":{"kind":"Name","value":"sharingGroup"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"event"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<DeleteEventReportMutation, DeleteEventReportMutationVariables>;
export const EventProposalsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"EventProposals"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"event"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"timestamp"}},{"kind":"Field","name":{"kind":"Name","value":"proposals"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ProposalFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"attributes"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"includeDeleted"},"value":{"kind":"BooleanValue","value":true}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"category"}},{"kind":"Field","name":{"kind":"Name","value":"comment"}},{"kind":"Field","name":{"kind":"Name","value":"toIds"}},{"kind":"Field","name":{"kind":"Name","value":"deleted"}},{"kind":"Field","name":{"kind":"Name","value":"distribution"}},{"kind":"Field","name":{"kind":"Name","value":"proposals"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ProposalFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Proposal"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"attributeUuid"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"category"}},{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"toIds"}},{"kind":"Field","name":{"kind":"Name","value":"comment"}},{"kind":"Field","name":{"kind":"Name","value":"proposalToDelete"}},{"kind":"Field","name":{"kind":"Name","value":"deleted"}},{"kind":"Field","name":{"kind":"Name","value":"organisation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"event"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<EventProposalsQuery, EventProposalsQueryVariables>;
export const AttributeProposalsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AttributeProposals"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"attribute"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"proposals"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ProposalFields"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ProposalFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Proposal"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"attributeUuid"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"category"}},{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"toIds"}},{"kind":"Field","name":{"kind":"Name","value":"comment"}},{"kind":"Field","name":{"kind":"Name","value":"proposalToDelete"}},{"kind":"Field","name":{"kind":"Name","value":"deleted"}},{"kind":"Field","name":{"kind":"Name","value":"organisation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"event"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<AttributeProposalsQuery, AttributeProposalsQueryVariables>;
export const ProposalDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Proposal"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"proposal"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ProposalFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ProposalFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Proposal"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"attributeUuid"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"category"}},{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"toIds"}},{"kind":"Field","name":{"kind":"Name","value":"comment"}},{"kind":"Field","name":{"kind":"Name","value":"proposalToDelete"}},{"kind":"Field","name":{"kind":"Name","value":"deleted"}},{"kind":"Field","name":{"kind":"Name","value":"organisation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"event"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<ProposalQuery, ProposalQueryVariables>;
export const ProposeAttributeDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ProposeAttribute"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ProposeAttributeInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"proposeAttribute"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ProposalFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ProposalFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Proposal"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"attributeUuid"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"category"}},{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"toIds"}},{"kind":"Field","name":{"kind":"Name","value":"comment"}},{"kind":"Field","name":{"kind":"Name","value":"proposalToDelete"}},{"kind":"Field","name":{"kind":"Name","value":"deleted"}},{"kind":"Field","name":{"kind":"Name","value":"organisation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"event"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<ProposeAttributeMutation, ProposeAttributeMutationVariables>;
export const ProposeAttributeChangeDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ProposeAttributeChange"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ProposeAttributeChangeInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"proposeAttributeChange"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ProposalFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ProposalFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Proposal"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"attributeUuid"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"category"}},{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"toIds"}},{"kind":"Field","name":{"kind":"Name","value":"comment"}},{"kind":"Field","name":{"kind":"Name","value":"proposalToDelete"}},{"kind":"Field","name":{"kind":"Name","value":"deleted"}},{"kind":"Field","name":{"kind":"Name","value":"organisation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"event"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<ProposeAttributeChangeMutation, ProposeAttributeChangeMutationVariables>;
export const ProposeAttributeDeletionDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ProposeAttributeDeletion"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"attributeId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"proposeAttributeDeletion"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"attributeId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"attributeId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ProposalFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ProposalFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Proposal"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"attributeUuid"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"category"}},{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"toIds"}},{"kind":"Field","name":{"kind":"Name","value":"comment"}},{"kind":"Field","name":{"kind":"Name","value":"proposalToDelete"}},{"kind":"Field","name":{"kind":"Name","value":"deleted"}},{"kind":"Field","name":{"kind":"Name","value":"organisation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"event"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<ProposeAttributeDeletionMutation, ProposeAttributeDeletionMutationVariables>;
export const AcceptProposalDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"AcceptProposal"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"acceptProposal"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"category"}},{"kind":"Field","name":{"kind":"Name","value":"comment"}},{"kind":"Field","name":{"kind":"Name","value":"toIds"}},{"kind":"Field","name":{"kind":"Name","value":"deleted"}},{"kind":"Field","name":{"kind":"Name","value":"distribution"}}]}}]}}]} as unknown as DocumentNode<AcceptProposalMutation, AcceptProposalMutationVariables>;
export const DiscardProposalDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DiscardProposal"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"discardProposal"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ProposalFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ProposalFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Proposal"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"attributeUuid"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"category"}},{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"toIds"}},{"kind":"Field","name":{"kind":"Name","value":"comment"}},{"kind":"Field","name":{"kind":"Name","value":"proposalToDelete"}},{"kind":"Field","name":{"kind":"Name","value":"deleted"}},{"kind":"Field","name":{"kind":"Name","value":"organisation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"event"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<DiscardProposalMutation, DiscardProposalMutationVariables>;
export const GalaxyClusterDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"GalaxyCluster"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"galaxyCluster"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"GalaxyClusterFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"GalaxyClusterFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"GalaxyCluster"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"tagName"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"galaxy"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"namespace"}},{"kind":"Field","name":{"kind":"Name","value":"description"}}]}},{"kind":"Field","name":{"kind":"Name","value":"meta"}},{"kind":"Field","name":{"kind":"Name","value":"version"}}]}}]} as unknown as DocumentNode<GalaxyClusterQuery, GalaxyClusterQueryVariables>;
export const GalaxyClustersDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"GalaxyClusters"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"GalaxyClusterFilter"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"galaxyClusters"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"GalaxyClusterFields"}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"GalaxyClusterFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"GalaxyCluster"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"tagName"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"galaxy"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"namespace"}},{"kind":"Field","name":{"kind":"Name","value":"description"}}]}},{"kind":"Field","name":{"kind":"Name","value":"meta"}},{"kind":"Field","name":{"kind":"Name","value":"version"}}]}}]} as unknown as DocumentNode<GalaxyClustersQuery, GalaxyClustersQueryVariables>;
export const EventGalaxyClustersDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"EventGalaxyClusters"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"event"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"galaxyClusters"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"GalaxyClusterFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"attributes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"galaxyClusters"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"tagName"}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"GalaxyClusterFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"GalaxyCluster"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"tagName"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"galaxy"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"namespace"}},{"kind":"Field","name":{"kind":"Name","value":"description"}}]}},{"kind":"Field","name":{"kind":"Name","value":"meta"}},{"kind":"Field","name":{"kind":"Name","value":"version"}}]}}]} as unknown as DocumentNode<EventGalaxyClustersQuery, EventGalaxyClustersQueryVariables>;
export const EventsWithMispModelDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"EventsWithMispModel"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"events"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"reports"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"proposals"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"organisation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"galaxyClusters"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"galaxy"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"attributes"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"5"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"proposals"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"galaxyClusters"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<EventsWithMispModelQuery, EventsWithMispModelQueryVariables>;
export const SearchAttributesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"SearchAttributes"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"AttributeFilter"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"attributes"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"event"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<SearchAttributesQuery, SearchAttributesQueryVariables>;
export const SearchAttributeValuesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"SearchAttributeValues"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"AttributeFilter"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"attributes"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"value"}}]}}]}}]}}]}}]} as unknown as DocumentNode<SearchAttributeValuesQuery, SearchAttributeValuesQueryVariables>;
export const SearchEventsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"SearchEvents"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"EventFilter"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"events"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"info"}}]}}]}}]}}]}}]} as unknown as DocumentNode<SearchEventsQuery, SearchEventsQueryVariables>;
export const CorrelationsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Correlations"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"AttributeFilter"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"attributes"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"correlationCapped"}},{"kind":"Field","name":{"kind":"Name","value":"correlations"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"event"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<CorrelationsQuery, CorrelationsQueryVariables>;
export const AttributeCorrelationsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AttributeCorrelations"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"attribute"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"correlationCapped"}},{"kind":"Field","name":{"kind":"Name","value":"correlations"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"event"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}}]}}]} as unknown as DocumentNode<AttributeCorrelationsQuery, AttributeCorrelationsQueryVariables>;
export const RelatedEventsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"RelatedEvents"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"event"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"relatedEvents"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"info"}}]}}]}}]}}]} as unknown as DocumentNode<RelatedEventsQuery, RelatedEventsQueryVariables>;
export const AddSightingDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"AddSighting"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"AddSightingInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"addSighting"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"at"}},{"kind":"Field","name":{"kind":"Name","value":"organisation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"attribute"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"event"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}}]}}]} as unknown as DocumentNode<AddSightingMutation, AddSightingMutationVariables>;
export const AttributeSightingsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AttributeSightings"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"attribute"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"sightings"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SightingSummaryFields"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SightingSummaryFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SightingSummary"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sightingCount"}},{"kind":"Field","name":{"kind":"Name","value":"falsePositiveCount"}},{"kind":"Field","name":{"kind":"Name","value":"expirationCount"}},{"kind":"Field","name":{"kind":"Name","value":"lastSeen"}},{"kind":"Field","name":{"kind":"Name","value":"lastFalsePositive"}},{"kind":"Field","name":{"kind":"Name","value":"lastExpiration"}}]}}]} as unknown as DocumentNode<AttributeSightingsQuery, AttributeSightingsQueryVariables>;
export const AttributesWithSightingsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AttributesWithSightings"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"AttributeFilter"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"attributes"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"sightings"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SightingSummaryFields"}}]}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SightingSummaryFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SightingSummary"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sightingCount"}},{"kind":"Field","name":{"kind":"Name","value":"falsePositiveCount"}},{"kind":"Field","name":{"kind":"Name","value":"expirationCount"}},{"kind":"Field","name":{"kind":"Name","value":"lastSeen"}},{"kind":"Field","name":{"kind":"Name","value":"lastFalsePositive"}},{"kind":"Field","name":{"kind":"Name","value":"lastExpiration"}}]}}]} as unknown as DocumentNode<AttributesWithSightingsQuery, AttributesWithSightingsQueryVariables>;
export const ChangesPageDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ChangesPage"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"since"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"changes"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"since"},"value":{"kind":"Variable","name":{"kind":"Name","value":"since"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"changes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"op"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"eventId"}}]}},{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"hasMore"}}]}}]}}]} as unknown as DocumentNode<ChangesPageQuery, ChangesPageQueryVariables>;
export const ExportAttributesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ExportAttributes"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"format"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"AttributeFilter"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"exportAttributes"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"format"},"value":{"kind":"Variable","name":{"kind":"Name","value":"format"}}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"format"}},{"kind":"Field","name":{"kind":"Name","value":"contentType"}},{"kind":"Field","name":{"kind":"Name","value":"content"}}]}}]}}]} as unknown as DocumentNode<ExportAttributesQuery, ExportAttributesQueryVariables>;
export const AttributeAddedDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"AttributeAdded"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"AttributeFilter"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"since"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"attributeAdded"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}},{"kind":"Argument","name":{"kind":"Name","value":"since"},"value":{"kind":"Variable","name":{"kind":"Name","value":"since"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"category"}},{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"toIds"}},{"kind":"Field","name":{"kind":"Name","value":"comment"}},{"kind":"Field","name":{"kind":"Name","value":"distribution"}},{"kind":"Field","name":{"kind":"Name","value":"changeCursor"}},{"kind":"Field","name":{"kind":"Name","value":"event"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}}]} as unknown as DocumentNode<AttributeAddedSubscription, AttributeAddedSubscriptionVariables>;
export const EventPublishedDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"EventPublished"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"EventFilter"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"since"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"eventPublished"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}},{"kind":"Argument","name":{"kind":"Name","value":"since"},"value":{"kind":"Variable","name":{"kind":"Name","value":"since"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"info"}},{"kind":"Field","name":{"kind":"Name","value":"published"}},{"kind":"Field","name":{"kind":"Name","value":"distribution"}},{"kind":"Field","name":{"kind":"Name","value":"changeCursor"}}]}}]}}]} as unknown as DocumentNode<EventPublishedSubscription, EventPublishedSubscriptionVariables>;
export const ChangesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"Changes"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"since"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"changes"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"since"},"value":{"kind":"Variable","name":{"kind":"Name","value":"since"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"op"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"eventId"}},{"kind":"Field","name":{"kind":"Name","value":"at"}}]}}]}}]} as unknown as DocumentNode<ChangesSubscription, ChangesSubscriptionVariables>;
export const SyncHandshakeDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"SyncHandshake"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hubInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"software"}},{"kind":"Field","name":{"kind":"Name","value":"protocolVersion"}},{"kind":"Field","name":{"kind":"Name","value":"organisation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"organisation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]} as unknown as DocumentNode<SyncHandshakeQuery, SyncHandshakeQueryVariables>;
export const SyncIndexDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"SyncIndex"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"since"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"syncIndex"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"since"},"value":{"kind":"Variable","name":{"kind":"Name","value":"since"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SyncIndexPageFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SyncIndexPageFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SyncIndexPage"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"hasMore"}},{"kind":"Field","name":{"kind":"Name","value":"entries"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"timestamp"}},{"kind":"Field","name":{"kind":"Name","value":"creatorOrgId"}},{"kind":"Field","name":{"kind":"Name","value":"creatorOrgName"}},{"kind":"Field","name":{"kind":"Name","value":"published"}},{"kind":"Field","name":{"kind":"Name","value":"deleted"}},{"kind":"Field","name":{"kind":"Name","value":"tags"}}]}}]}}]} as unknown as DocumentNode<SyncIndexQuery, SyncIndexQueryVariables>;
export const SyncPullStartDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"SyncPullStart"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"since"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"sightingsSince"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"syncIndex"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"since"},"value":{"kind":"Variable","name":{"kind":"Name","value":"since"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SyncIndexPageFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"syncSightings"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"since"},"value":{"kind":"Variable","name":{"kind":"Name","value":"sightingsSince"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SyncSightingPageFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SyncOrganisationFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SyncOrganisation"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SyncIndexPageFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SyncIndexPage"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"hasMore"}},{"kind":"Field","name":{"kind":"Name","value":"entries"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"timestamp"}},{"kind":"Field","name":{"kind":"Name","value":"creatorOrgId"}},{"kind":"Field","name":{"kind":"Name","value":"creatorOrgName"}},{"kind":"Field","name":{"kind":"Name","value":"published"}},{"kind":"Field","name":{"kind":"Name","value":"deleted"}},{"kind":"Field","name":{"kind":"Name","value":"tags"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SyncSightingPageFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SyncSightingPage"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"hasMore"}},{"kind":"Field","name":{"kind":"Name","value":"sightings"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"attributeId"}},{"kind":"Field","name":{"kind":"Name","value":"org"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SyncOrganisationFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"at"}}]}}]}}]} as unknown as DocumentNode<SyncPullStartQuery, SyncPullStartQueryVariables>;
export const SyncEventsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"SyncEvents"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"ids"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"syncEvents"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"ids"},"value":{"kind":"Variable","name":{"kind":"Name","value":"ids"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SyncEventFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SyncOrganisationFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SyncOrganisation"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SyncSharingGroupFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SyncSharingGroup"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"releasability"}},{"kind":"Field","name":{"kind":"Name","value":"roaming"}},{"kind":"Field","name":{"kind":"Name","value":"timestamp"}},{"kind":"Field","name":{"kind":"Name","value":"ownerOrg"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SyncOrganisationFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"organisations"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SyncOrganisationFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"hubs"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"allOrgs"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SyncEventFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SyncEvent"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"info"}},{"kind":"Field","name":{"kind":"Name","value":"date"}},{"kind":"Field","name":{"kind":"Name","value":"threatLevel"}},{"kind":"Field","name":{"kind":"Name","value":"analysis"}},{"kind":"Field","name":{"kind":"Name","value":"distribution"}},{"kind":"Field","name":{"kind":"Name","value":"sharingGroup"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SyncSharingGroupFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"published"}},{"kind":"Field","name":{"kind":"Name","value":"publishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"timestamp"}},{"kind":"Field","name":{"kind":"Name","value":"deleted"}},{"kind":"Field","name":{"kind":"Name","value":"creatorOrg"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SyncOrganisationFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"disableCorrelation"}},{"kind":"Field","name":{"kind":"Name","value":"extendsUuid"}},{"kind":"Field","name":{"kind":"Name","value":"tags"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"colour"}}]}},{"kind":"Field","name":{"kind":"Name","value":"attributes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"category"}},{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"toIds"}},{"kind":"Field","name":{"kind":"Name","value":"comment"}},{"kind":"Field","name":{"kind":"Name","value":"distribution"}},{"kind":"Field","name":{"kind":"Name","value":"sharingGroup"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SyncSharingGroupFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"timestamp"}},{"kind":"Field","name":{"kind":"Name","value":"deleted"}},{"kind":"Field","name":{"kind":"Name","value":"disableCorrelation"}},{"kind":"Field","name":{"kind":"Name","value":"firstSeen"}},{"kind":"Field","name":{"kind":"Name","value":"lastSeen"}},{"kind":"Field","name":{"kind":"Name","value":"objectRelation"}},{"kind":"Field","name":{"kind":"Name","value":"tags"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"colour"}}]}},{"kind":"Field","name":{"kind":"Name","value":"objectId"}},{"kind":"Field","name":{"kind":"Name","value":"data"}}]}},{"kind":"Field","name":{"kind":"Name","value":"objects"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"metaCategory"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"templateUuid"}},{"kind":"Field","name":{"kind":"Name","value":"templateVersion"}},{"kind":"Field","name":{"kind":"Name","value":"comment"}},{"kind":"Field","name":{"kind":"Name","value":"distribution"}},{"kind":"Field","name":{"kind":"Name","value":"sharingGroup"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SyncSharingGroupFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"firstSeen"}},{"kind":"Field","name":{"kind":"Name","value":"lastSeen"}},{"kind":"Field","name":{"kind":"Name","value":"timestamp"}},{"kind":"Field","name":{"kind":"Name","value":"deleted"}},{"kind":"Field","name":{"kind":"Name","value":"references"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"targetId"}},{"kind":"Field","name":{"kind":"Name","value":"relationshipType"}},{"kind":"Field","name":{"kind":"Name","value":"comment"}},{"kind":"Field","name":{"kind":"Name","value":"timestamp"}},{"kind":"Field","name":{"kind":"Name","value":"deleted"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"galaxyClusters"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"tagName"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"galaxy"}},{"kind":"Field","name":{"kind":"Name","value":"data"}}]}},{"kind":"Field","name":{"kind":"Name","value":"reports"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"content"}},{"kind":"Field","name":{"kind":"Name","value":"distribution"}},{"kind":"Field","name":{"kind":"Name","value":"sharingGroup"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SyncSharingGroupFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"timestamp"}},{"kind":"Field","name":{"kind":"Name","value":"deleted"}}]}},{"kind":"Field","name":{"kind":"Name","value":"proposals"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"attributeId"}},{"kind":"Field","name":{"kind":"Name","value":"org"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SyncOrganisationFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"category"}},{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"toIds"}},{"kind":"Field","name":{"kind":"Name","value":"comment"}},{"kind":"Field","name":{"kind":"Name","value":"objectRelation"}},{"kind":"Field","name":{"kind":"Name","value":"firstSeen"}},{"kind":"Field","name":{"kind":"Name","value":"lastSeen"}},{"kind":"Field","name":{"kind":"Name","value":"proposalToDelete"}},{"kind":"Field","name":{"kind":"Name","value":"timestamp"}},{"kind":"Field","name":{"kind":"Name","value":"deleted"}}]}}]}}]} as unknown as DocumentNode<SyncEventsQuery, SyncEventsQueryVariables>;
export const PushEventsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"PushEvents"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"hubId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"events"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"SyncEventInput"}}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"pushEvents"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"hubId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"hubId"}}},{"kind":"Argument","name":{"kind":"Name","value":"events"},"value":{"kind":"Variable","name":{"kind":"Name","value":"events"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"created"}},{"kind":"Field","name":{"kind":"Name","value":"updated"}},{"kind":"Field","name":{"kind":"Name","value":"deleted"}},{"kind":"Field","name":{"kind":"Name","value":"skipped"}},{"kind":"Field","name":{"kind":"Name","value":"failed"}}]}}]}}]} as unknown as DocumentNode<PushEventsMutation, PushEventsMutationVariables>;
export const PushEventsReportDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"PushEventsReport"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"hubId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"events"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"SyncEventInput"}}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"pushEvents"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"hubId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"hubId"}}},{"kind":"Argument","name":{"kind":"Name","value":"events"},"value":{"kind":"Variable","name":{"kind":"Name","value":"events"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"created"}},{"kind":"Field","name":{"kind":"Name","value":"updated"}},{"kind":"Field","name":{"kind":"Name","value":"deleted"}},{"kind":"Field","name":{"kind":"Name","value":"skipped"}},{"kind":"Field","name":{"kind":"Name","value":"failed"}},{"kind":"Field","name":{"kind":"Name","value":"skippedReasons"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"count"}},{"kind":"Field","name":{"kind":"Name","value":"eventIds"}}]}}]}}]}}]} as unknown as DocumentNode<PushEventsReportMutation, PushEventsReportMutationVariables>;
export const SyncSightingsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"SyncSightings"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"since"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"syncSightings"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"since"},"value":{"kind":"Variable","name":{"kind":"Name","value":"since"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SyncSightingPageFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SyncOrganisationFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SyncOrganisation"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SyncSightingPageFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SyncSightingPage"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"hasMore"}},{"kind":"Field","name":{"kind":"Name","value":"sightings"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"attributeId"}},{"kind":"Field","name":{"kind":"Name","value":"org"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SyncOrganisationFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"at"}}]}}]}}]} as unknown as DocumentNode<SyncSightingsQuery, SyncSightingsQueryVariables>;
export const PushSightingsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"PushSightings"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"hubId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"sightings"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"SyncSightingInput"}}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"pushSightings"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"hubId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"hubId"}}},{"kind":"Argument","name":{"kind":"Name","value":"sightings"},"value":{"kind":"Variable","name":{"kind":"Name","value":"sightings"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"created"}},{"kind":"Field","name":{"kind":"Name","value":"skipped"}}]}}]}}]} as unknown as DocumentNode<PushSightingsMutation, PushSightingsMutationVariables>;