import { Entity, Enum, Index, PrimaryKey, Property } from '@mikro-orm/core';
import { ChangeKind, ChangeOp, Distribution } from '../../shared/enums';

/**
 * The change log (DESIGN §5): one row per write, appended in the writer's transaction. The visibility
 * snapshot lets a delivery be checked without loading the object. Local integer ids are fine here: the
 * log never leaves the hub as-is.
 */
@Entity({ tableName: 'changes' })
@Index({ properties: ['eventUuid'] })
export class Change {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  seq!: number;

  @Property({ type: 'string', length: 20 })
  kind!: ChangeKind;

  @Property({ type: 'string', length: 20 })
  op!: ChangeOp;

  @Property({ type: 'string', length: 36 })
  uuid!: string;

  @Property({ type: 'string', length: 36, nullable: true })
  eventUuid?: string | null;

  @Property({ type: 'integer', nullable: true })
  ownerOrgId?: number | null;

  @Enum({ items: () => Distribution, type: 'smallint', nullable: true })
  eventDistribution?: Distribution | null;

  @Property({ type: 'integer', nullable: true })
  eventSharingGroupId?: number | null;

  @Enum({ items: () => Distribution, type: 'smallint', nullable: true })
  distribution?: Distribution | null;

  @Property({ type: 'integer', nullable: true })
  sharingGroupId?: number | null;

  /** ATTRIBUTE and SIGHTING rows of an attribute inside a MISP object: the object's distribution (an invisible object hides its attributes). */
  @Enum({ items: () => Distribution, type: 'smallint', nullable: true })
  objectDistribution?: Distribution | null;

  @Property({ type: 'integer', nullable: true })
  objectSharingGroupId?: number | null;

  @Property({ type: 'boolean', nullable: true })
  published?: boolean | null;

  @Property({ type: 'datetime', length: 3 })
  at: Date = new Date();
}
