import { ApiKey } from '../modules/api-key/api-key.entity';
import { Attribute } from '../modules/attribute/attribute.entity';
import { Change } from '../modules/change/change.entity';
import { Event } from '../modules/event/event.entity';
import { Organisation } from '../modules/organisation/organisation.entity';
import { User } from '../modules/user/user.entity';
import { SharingGroup, SharingGroupOrg, SharingGroupServer } from '../modules/sharing-group/sharing-group.entity';
import { AttributeTag, EventTag, Tag } from '../modules/tag/tag.entity';
import { HubSetting } from './hub-setting.entity';
import { Peer } from '../modules/peer/peer.entity';
import { Feed } from '../modules/feed/feed.entity';
import { Sighting } from '../modules/sighting/sighting.entity';
import { MispObject } from '../modules/object/object.entity';
import { ObjectReference } from '../modules/object/object-reference.entity';
import { GalaxyCluster } from '../modules/galaxy/galaxy-cluster.entity';
import { AttributePayload } from '../modules/attribute/attribute-payload.entity';
import { EventReport } from '../modules/event-report/event-report.entity';
import { Proposal } from '../modules/proposal/proposal.entity';
import { TaxiiCollection } from '../modules/taxii/taxii-collection.entity';
import { TaxiiObjectIndex } from '../modules/taxii/taxii-object-index.entity';

/** The explicit entity list (no folder scanning: the same in tests, production and migrations). */
export const ENTITIES = [
  Organisation,
  User,
  ApiKey,
  SharingGroup,
  SharingGroupOrg,
  SharingGroupServer,
  Event,
  Attribute,
  Tag,
  EventTag,
  AttributeTag,
  Change,
  HubSetting,
  Peer,
  Feed,
  Sighting,
  MispObject,
  ObjectReference,
  GalaxyCluster,
  AttributePayload,
  EventReport,
  Proposal,
  TaxiiCollection,
  TaxiiObjectIndex,
] as const;
