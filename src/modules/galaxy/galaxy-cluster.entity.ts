import { Entity, Index, Property } from '@mikro-orm/core';
import { BaseEntity } from '../../db/base.entity';

/**
 * A MISP galaxy cluster (threat actor, malware family, ATT&CK technique …) as MISP exports it. Clusters
 * are reference data shared by every event: like MISP, an event or attribute carries a cluster by
 * carrying its tag (`misp-galaxy:<type>="<value>"`), so a cluster is shown wherever its tag is, under the
 * tag's own visibility. Identity is the cluster uuid; a newer `version` replaces the stored copy.
 */
@Entity({ tableName: 'galaxy_clusters' })
@Index({ properties: ['tagName'] })
export class GalaxyCluster extends BaseEntity {
  /** The cluster's tag name (e.g. misp-galaxy:threat-actor="APT 28"). */
  @Property({ type: 'string', length: 255 })
  tagName!: string;

  /** The cluster type (= the galaxy type, e.g. threat-actor). */
  @Property({ type: 'string', length: 255 })
  type!: string;

  @Property({ type: 'text' })
  value!: string;

  @Property({ type: 'text', nullable: true })
  description?: string | null;

  /** The galaxy it belongs to (MISP `Galaxy`: uuid, name, type, namespace, description, version, icon …), JSON. */
  @Property({ type: 'text' })
  galaxy!: string;

  /** The cluster as MISP exported it, without its Galaxy wrapper (meta, authors, source, version, relations …), JSON. */
  @Property({ type: 'text', columnType: 'mediumtext' })
  data!: string;

  /** MISP's cluster version (a number that grows with each edit); a newer one replaces the stored copy. */
  @Property({ type: 'bigint', nullable: true })
  version?: string | null;
}
