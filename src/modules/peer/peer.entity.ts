import { Entity, ManyToOne, Property } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { BaseEntity } from '../../db/base.entity';
import { Organisation } from '../organisation/organisation.entity';
import { PeerKind } from './peer-kind';

@ObjectType({ description: 'A peer hub this hub pulls from and/or pushes to. Its API key is never shown.' })
@Entity({ tableName: 'peers' })
export class Peer extends BaseEntity {
  @Field(() => ID, { name: 'id', description: 'The peer uuid (local record).' })
  declare uuid: string;

  @Field(() => String, { description: 'Name.' })
  @Property({ type: 'string', length: 255, unique: true })
  name!: string;

  @Field(() => PeerKind, { description: 'The protocol the peer speaks: HUB (GraphQL sync) or MISP (MISP\'s sync API).' })
  @Property({ type: 'string', length: 10, default: PeerKind.HUB })
  kind: PeerKind = PeerKind.HUB;

  @Field(() => String, { description: 'HUB: GraphQL URL of the peer hub (https://hub.partner.example/graphql); MISP: base URL of the MISP server (https://misp.partner.example).' })
  @Property({ type: 'string', length: 2048 })
  url!: string;

  /** The remote sync user's key, AES-256-GCM encrypted with the hub's peer secret (never in the API). */
  @Property({ type: 'text' })
  apiKeyEncrypted!: string;

  /** The peer hub's organisation as registered here: owner of the copies received from it. */
  @ManyToOne(() => Organisation, { deleteRule: 'restrict' })
  organisation!: Organisation;

  @Field(() => String, { nullable: true, description: 'The peer hub uuid, learned at the handshake.' })
  @Property({ type: 'string', length: 36, nullable: true })
  hubUuid?: string | null;

  @Field(() => Boolean, { description: 'Push our data to the peer.' })
  @Property({ type: 'boolean' })
  push: boolean = false;

  @Field(() => Boolean, { description: 'Pull the peer\'s data.' })
  @Property({ type: 'boolean' })
  pull: boolean = false;

  @Field(() => Boolean, { description: 'Same organisation on both sides: distributions are not downgraded.' })
  @Property({ type: 'boolean' })
  internal: boolean = false;

  @Field(() => Boolean, { description: 'Verify the peer\'s TLS certificate (on unless explicitly turned off).' })
  @Property({ type: 'boolean' })
  tlsVerify: boolean = true;

  /** JSON of SyncRules (tags/orgs OR/NOT). */
  @Property({ type: 'text', nullable: true })
  pushRules?: string | null;

  @Property({ type: 'text', nullable: true })
  pullRules?: string | null;

  @Field(() => String, { nullable: true, description: 'Cron schedule of automatic syncs (pull and/or push as enabled); none when empty.' })
  @Property({ type: 'string', length: 100, nullable: true })
  schedule?: string | null;

  /** HUB: remote change cursor after which the next pull starts; MISP: the events/index `timestamp` (seconds) from which it starts. Committed per page. */
  @Property({ type: 'string', length: 255, nullable: true })
  pullCursor?: string | null;

  /** Local change seq after which the next push starts (committed per page; both kinds). */
  @Property({ type: 'integer' })
  pushCursor: number = 0;

  /** HUB: remote cursor of the next pull of sighting deltas (syncSightings); MISP: the sightings/restSearch `last` (seconds) it starts from. */
  @Property({ type: 'string', length: 255, nullable: true })
  sightingPullCursor?: string | null;

  /** Local change seq after which the next push of sighting deltas starts (pushSightings). */
  @Property({ type: 'integer' })
  sightingPushCursor: number = 0;

  @Field(() => Date, { nullable: true, description: 'Last pull attempt.' })
  @Property({ type: 'datetime', length: 3, nullable: true })
  lastPullAt?: Date | null;

  @Field(() => Date, { nullable: true, description: 'Last push attempt.' })
  @Property({ type: 'datetime', length: 3, nullable: true })
  lastPushAt?: Date | null;

  @Field(() => String, { nullable: true, description: 'Last error (cleared by the next successful run).' })
  @Property({ type: 'text', nullable: true })
  lastError?: string | null;

  @Field(() => Int, { description: 'Consecutive failed runs (drives the retry back-off).' })
  @Property({ type: 'integer' })
  failures: number = 0;

  @Field(() => Date, { nullable: true, description: 'No automatic run before this instant (back-off after failures).' })
  @Property({ type: 'datetime', length: 3, nullable: true })
  retryAfter?: Date | null;

  @Field(() => Int, { description: 'Events created or updated here by pulls (total).' })
  @Property({ type: 'integer' })
  pulledCount: number = 0;

  @Field(() => Int, { description: 'Events accepted by the peer from pushes (total).' })
  @Property({ type: 'integer' })
  pushedCount: number = 0;

  @Field(() => Int, { description: 'Events skipped (unchanged, filtered by rules, not allowed to travel) (total).' })
  @Property({ type: 'integer' })
  skippedCount: number = 0;

  @Field(() => Int, { description: 'Events that failed to apply (total).' })
  @Property({ type: 'integer' })
  failedCount: number = 0;
}
