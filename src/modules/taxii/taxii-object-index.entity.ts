import { Entity, Index, ManyToOne, Property, Unique } from '@mikro-orm/core';
import { Attribute } from '../attribute/attribute.entity';

/**
 * Which attribute produces a STIX object whose id cannot be read back to its source: a Cyber-observable
 * (its id is a UUIDv5 of its value, as STIX §2.9 recommends) or the relationship from an attribute to a
 * galaxy cluster (a UUIDv5 of its ends), so that `/objects/{id}/` finds the attribute behind every such
 * id the TAXII server has handed out. A cache of a pure function of stored rows, written once per pair
 * when a page maps the attribute; its contract (idempotent, bounded by the data, never a grant) is in
 * taxii-object-index.ts.
 */
@Entity({ tableName: 'taxii_object_index' })
@Unique({ properties: ['stixId', 'attribute'] })
export class TaxiiObjectIndex {
  @Property({ type: 'integer', primary: true, autoincrement: true })
  id!: number;

  /** The STIX id (type--uuid). */
  @Index()
  @Property({ type: 'string', length: 255 })
  stixId!: string;

  @ManyToOne(() => Attribute, { deleteRule: 'cascade' })
  attribute!: Attribute;
}
