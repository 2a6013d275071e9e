/**
 * MISP's JSON shapes as MISP's controllers write them and PyMISP parses them (numbers as strings, ids
 * as this hub's local integer ids, booleans as booleans). Pure functions of loaded rows.
 */
import type { ExportAttribute } from '../../modules/export/export-source';
import type { Event } from '../../modules/event/event.entity';
import type { Organisation } from '../../modules/organisation/organisation.entity';
import type { SharingGroup } from '../../modules/sharing-group/sharing-group.entity';
import type { Sighting } from '../../modules/sighting/sighting.entity';
import type { Tag } from '../../modules/tag/tag.entity';
import type { User } from '../../modules/user/user.entity';
import { roleCan } from '../../auth/capabilities';
import { Role } from '../../shared/enums';

export const unixSeconds = (d: Date | string | number | null | undefined): string =>
  d == null ? '0' : String(Math.floor((d instanceof Date ? d : new Date(d)).getTime() / 1000));

/** MISP's sighting type numbers. */
export const SIGHTING_TYPE_NUMBER: Readonly<Record<string, string>> = { SIGHTING: '0', FALSE_POSITIVE: '1', EXPIRATION: '2' };

export function mispOrg(o: Pick<Organisation, 'id' | 'uuid' | 'name'> & Partial<Pick<Organisation, 'local'>>) {
  return { id: String(o.id), name: o.name, uuid: o.uuid, local: o.local ?? true };
}

export function mispOrganisation(o: Organisation) {
  return {
    id: String(o.id),
    name: o.name,
    uuid: o.uuid,
    description: o.description ?? '',
    type: o.type ?? '',
    nationality: o.nationality ?? '',
    sector: o.sector ?? '',
    local: o.local,
    date_created: o.createdAt.toISOString().replace('T', ' ').slice(0, 19),
    date_modified: o.updatedAt.toISOString().replace('T', ' ').slice(0, 19),
    contacts: '',
    restricted_to_domain: [],
    landingpage: null,
    created_by: '0',
  };
}

export function mispTag(t: Pick<Tag, 'id' | 'name' | 'colour' | 'exportable'>, local = false) {
  return {
    id: String(t.id),
    name: t.name,
    colour: t.colour,
    exportable: t.exportable,
    org_id: '0',
    user_id: '0',
    hide_tag: false,
    numerical_value: null,
    is_galaxy: t.name.startsWith('misp-galaxy:'),
    is_custom_galaxy: false,
    local_only: false,
    local: local ? 1 : 0,
  };
}

/** An attribute; `ids` are the local ids of its event and the caller's tag ids by name (for Tag ids). */
export function mispAttribute(a: ExportAttribute, eventId: number, tagIds: ReadonlyMap<string, number>) {
  return {
    id: String(a.id),
    type: a.type,
    category: a.category,
    to_ids: a.toIds,
    uuid: a.uuid,
    event_id: String(eventId),
    distribution: String(a.distribution),
    timestamp: unixSeconds(a.timestamp),
    comment: a.comment ?? '',
    sharing_group_id: '0',
    deleted: a.deleted,
    disable_correlation: a.disableCorrelation,
    object_id: '0',
    object_relation: a.objectRelation,
    first_seen: a.firstSeen ? a.firstSeen.toISOString() : null,
    last_seen: a.lastSeen ? a.lastSeen.toISOString() : null,
    value: a.value,
    Tag: a.tags.map((t) => ({ ...mispTag({ id: tagIds.get(t.name.toLowerCase()) ?? 0, name: t.name, colour: t.colour, exportable: true }) })),
  };
}

/** The event fields (no Attribute list): what events/view, events/index and restSearch share. */
export function mispEventFields(e: Event, tags: ReadonlyArray<{ tag: Tag; local: boolean }>) {
  return {
    id: String(e.id),
    orgc_id: String(e.creatorOrg.id),
    org_id: String(e.ownerOrg.id),
    date: e.date,
    threat_level_id: String(e.threatLevel),
    info: e.info,
    published: e.published,
    uuid: e.uuid,
    analysis: String(e.analysis),
    timestamp: unixSeconds(e.timestamp),
    distribution: String(e.distribution),
    proposal_email_lock: false,
    locked: e.locked,
    publish_timestamp: e.publishedAt ? unixSeconds(e.publishedAt) : '0',
    sharing_group_id: e.sharingGroup ? String(e.sharingGroup.id) : '0',
    disable_correlation: e.disableCorrelation,
    extends_uuid: e.extendsUuid ?? '',
    protected: null,
    event_creator_email: '',
    Org: mispOrg(e.ownerOrg),
    Orgc: mispOrg(e.creatorOrg),
    ...(e.sharingGroup ? { SharingGroup: { id: String(e.sharingGroup.id), uuid: e.sharingGroup.uuid, name: e.sharingGroup.name } } : {}),
    Tag: tags.map((l) => mispTag(l.tag, l.local)),
  };
}

/** The lists of a full event this hub does not hold yet (MISP objects etc. land with issue 12). */
export const EMPTY_EVENT_LISTS = { ShadowAttribute: [], RelatedEvent: [], Galaxy: [], Object: [], EventReport: [], CryptographicKey: [] };

/** events/index rows: bare event dicts with attribute_count and EventTag links. */
export function mispEventIndexRow(e: Event, tags: ReadonlyArray<{ id: number; tag: Tag; local: boolean }>, attributeCount: number) {
  const { Tag: _tags, ...fields } = mispEventFields(e, []);
  void _tags;
  return {
    ...fields,
    attribute_count: String(attributeCount),
    org: '',
    orgc: '',
    EventTag: tags.map((l) => ({ id: String(l.id), event_id: String(e.id), tag_id: String(l.tag.id), local: l.local, Tag: mispTag(l.tag, l.local) })),
    SharingGroup: e.sharingGroup ? { id: String(e.sharingGroup.id), name: e.sharingGroup.name, uuid: e.sharingGroup.uuid } : { id: null, name: null, uuid: null },
  };
}

export function mispSighting(s: Sighting) {
  return {
    id: String(s.id),
    attribute_id: String(s.attribute.id),
    event_id: String(s.attribute.event.id),
    org_id: String(s.org.id),
    date_sighting: unixSeconds(s.at),
    uuid: s.uuid,
    source: s.source ?? '',
    type: SIGHTING_TYPE_NUMBER[s.type] ?? '0',
    attribute_uuid: s.attribute.uuid,
    Organisation: { id: String(s.org.id), uuid: s.org.uuid, name: s.org.name },
  };
}

export function mispSharingGroup(sg: SharingGroup, members: ReadonlyArray<{ id: number; organisation: Organisation; extend: boolean }>, thisHubAllOrgs: boolean) {
  return {
    SharingGroup: {
      id: String(sg.id),
      uuid: sg.uuid,
      name: sg.name,
      description: sg.description ?? '',
      releasability: sg.releasability ?? '',
      local: true,
      active: sg.active,
      roaming: sg.roaming,
      org_id: String(sg.ownerOrg.id),
      organisation_uuid: sg.ownerOrg.uuid,
      created: sg.createdAt.toISOString().replace('T', ' ').slice(0, 19),
      modified: sg.updatedAt.toISOString().replace('T', ' ').slice(0, 19),
    },
    Organisation: mispOrg(sg.ownerOrg),
    SharingGroupOrg: members.map((m) => ({
      id: String(m.id),
      sharing_group_id: String(sg.id),
      org_id: String(m.organisation.id),
      extend: m.extend,
      Organisation: mispOrg(m.organisation),
    })),
    SharingGroupServer: [{ all_orgs: thisHubAllOrgs, server_id: '0', sharing_group_id: String(sg.id), Server: [] }],
    editable: false,
  };
}

/** MISP's role flags of a hub role (capabilities.ts says what each role may do). */
export function mispRole(role: Role) {
  const can = (c: Parameters<typeof roleCan>[1]) => roleCan(role, c);
  return {
    id: String(Object.values(Role).indexOf(role) + 1),
    name: role,
    perm_add: can('event:write'),
    perm_modify: can('event:write'),
    perm_modify_org: can('event:write'),
    perm_publish: can('event:publish'),
    perm_delegate: false,
    perm_sync: can('sync'),
    perm_admin: can('org:admin'),
    perm_audit: false,
    perm_auth: true,
    perm_site_admin: can('site:admin'),
    perm_regexp_access: false,
    perm_tagger: can('tag:write'),
    perm_template: false,
    perm_sharing_group: can('sharing-group:write'),
    perm_tag_editor: can('tag:write'),
    perm_sighting: can('sighting:add'),
    perm_object_template: false,
    perm_publish_zmq: false,
    perm_publish_kafka: false,
    perm_decaying: false,
    perm_galaxy_editor: false,
    perm_warninglist: false,
    perm_view_feed_correlations: false,
    perm_analyst_data: false,
    perm_skip_otp: false,
    perm_server_sign: false,
    default_role: role === Role.USER,
    restricted_to_site_admin: role === Role.ADMIN || role === Role.SYNC_USER,
  };
}

export function mispUser(u: User) {
  return {
    User: {
      id: String(u.id),
      org_id: String(u.organisation.id),
      email: u.email,
      autoalert: false,
      authkey: null,
      invited_by: '0',
      gpgkey: null,
      certif_public: '',
      nids_sid: '4000000',
      termsaccepted: true,
      newsread: '0',
      role_id: mispRole(u.role).id,
      change_pw: '0',
      contactalert: false,
      disabled: u.disabled,
      expiration: null,
      current_login: '0',
      last_login: '0',
      force_logout: false,
      date_created: unixSeconds(u.createdAt),
      date_modified: unixSeconds(u.updatedAt),
      uuid: u.uuid,
    },
    Role: mispRole(u.role),
    UserSetting: {},
    Organisation: mispOrg(u.organisation),
  };
}
