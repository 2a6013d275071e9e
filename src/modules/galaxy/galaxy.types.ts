import { Field, ID, ObjectType } from 'type-graphql';
import { GraphQLJSONObject } from 'graphql-scalars';
import { Connection } from '../../graphql/pagination';
import { GalaxyCluster } from './galaxy-cluster.entity';

@ObjectType('Galaxy', { description: 'A MISP galaxy: the family a cluster belongs to (threat actors, banker malware, ATT&CK techniques …).' })
export class GalaxyView {
  @Field(() => ID, { nullable: true, description: 'The galaxy uuid (as MISP exported it; null when it had none).' })
  id!: string | null;

  @Field(() => String, { description: 'Name, e.g. "Threat Actor".' })
  name!: string;

  @Field(() => String, { description: 'Type, e.g. threat-actor.' })
  type!: string;

  @Field(() => String, { nullable: true, description: 'Namespace, e.g. misp or mitre-attack.' })
  namespace!: string | null;

  @Field(() => String, { nullable: true, description: 'Description.' })
  description!: string | null;
}

@ObjectType('GalaxyCluster', {
  description:
    'A MISP galaxy cluster (a threat actor, a malware family, a technique …): reference data, visible to every authenticated user, ' +
    'like tags. An event or attribute carries a cluster by carrying its tag (tagName), as in MISP.',
})
export class GalaxyClusterView {
  /** Local id (cursors, loaders); never in the API. */
  localId!: number;

  @Field(() => ID, { description: 'The cluster uuid.' })
  id!: string;

  @Field(() => String, { description: 'The cluster type (its galaxy\'s type).' })
  type!: string;

  @Field(() => String, { description: 'The cluster value, e.g. "APT 28".' })
  value!: string;

  @Field(() => String, { description: 'The tag that carries it, e.g. misp-galaxy:threat-actor="APT 28".' })
  tagName!: string;

  @Field(() => String, { nullable: true, description: 'Description.' })
  description!: string | null;

  @Field(() => GalaxyView, { description: 'The galaxy it belongs to.' })
  galaxy!: GalaxyView;

  @Field(() => GraphQLJSONObject, { nullable: true, description: 'MISP `meta` (synonyms, refs, country, cfr-* …) as exported.' })
  meta!: Record<string, unknown> | null;

  @Field(() => String, { nullable: true, description: 'MISP cluster version (grows with each edit).' })
  version!: string | null;
}

@ObjectType({ description: 'A page of galaxy clusters.' })
export class GalaxyClusterConnection extends Connection(GalaxyClusterView, 'GalaxyCluster') {}

const asObject = (text: string): Record<string, unknown> => {
  try {
    const v: unknown = JSON.parse(text);
    return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
};
const str = (v: unknown): string | null => (typeof v === 'string' ? v : v == null ? null : String(v));

/** The API form of a stored cluster. */
export function clusterView(c: GalaxyCluster): GalaxyClusterView {
  const g = asObject(c.galaxy);
  const meta = asObject(c.data).meta;
  return {
    localId: c.id,
    id: c.uuid,
    type: c.type,
    value: c.value,
    tagName: c.tagName,
    description: c.description ?? null,
    galaxy: { id: str(g.uuid), name: str(g.name) ?? c.type, type: str(g.type) ?? c.type, namespace: str(g.namespace), description: str(g.description) },
    meta: meta !== null && typeof meta === 'object' && !Array.isArray(meta) ? (meta as Record<string, unknown>) : null,
    // A bigint column reads back as a JS bigint on some drivers: the API gives its decimal text.
    version: c.version == null ? null : String(c.version),
  };
}
