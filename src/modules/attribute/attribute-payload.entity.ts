import { Entity, OneToOne, Property } from '@mikro-orm/core';
import { Attribute } from './attribute.entity';

/**
 * The file of an `attachment` or `malware-sample` attribute (MISP sends it base64 in `data`). Kept apart
 * from the attribute row so attribute reads stay small; capped by ATTACHMENT_MAX_BYTES. A malware sample
 * is stored as MISP holds it: a zip protected with the password `infected`. Visible with its attribute.
 */
@Entity({ tableName: 'attribute_payloads' })
export class AttributePayload {
  @Property({ type: 'integer', primary: true, autoincrement: true })
  id!: number;

  @OneToOne(() => Attribute, { owner: true, deleteRule: 'cascade', unique: true })
  attribute!: Attribute;

  @Property({ type: 'blob', columnType: 'longblob', lazy: true })
  data!: Buffer;

  @Property({ type: 'integer' })
  size!: number;

  /** sha256 hex of the stored bytes. */
  @Property({ type: 'string', length: 64 })
  sha256!: string;
}
