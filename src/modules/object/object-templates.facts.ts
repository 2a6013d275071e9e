/**
 * The shape of the shipped MISP object template facts (object-templates.data.json) and the one function that
 * derives them from a misp-objects `definition.json`; scripts/object-templates-build.ts uses it to refresh
 * the data file. Pure, no I/O.
 */

/** What a template says about one object relation (an attribute of the object). */
export interface TemplateRelationFacts {
  /** MISP attribute types allowed for this relation (the template's `misp-attribute`). */
  types: string[];
  /** The relation may appear more than once in one object. */
  multiple: boolean;
  /** Default of the attribute's disable_correlation flag (absent: the type's default). */
  disableCorrelation?: boolean;
  /** Default of the attribute's to_ids flag (absent: the attribute type's default). */
  toIds?: boolean;
  /** Categories allowed for this relation (absent: those of the attribute type). */
  categories?: string[];
}

export interface ObjectTemplateFacts {
  name: string;
  uuid: string;
  version: number;
  metaCategory: string;
  description: string;
  /** Every one of these relations must be present. */
  required: string[];
  /** At least one of these relations must be present (empty: no such rule). */
  requiredOneOf: string[];
  relations: Record<string, TemplateRelationFacts>;
  /** The misp-objects commit the definition was read from. */
  sourceCommit?: string;
}

export interface ObjectTemplateData {
  source: string;
  templates: ObjectTemplateFacts[];
}

type Json = Record<string, unknown>;

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/** The facts of one misp-objects `objects/<name>/definition.json`; throws naming what is missing. */
export function factsFromDefinition(def: Json, sourceCommit?: string): ObjectTemplateFacts {
  const name = def.name;
  if (typeof name !== 'string' || typeof def.uuid !== 'string' || typeof def.version !== 'number') {
    throw new Error(`definition without name, uuid or version: ${JSON.stringify(def).slice(0, 100)}`);
  }
  const relations: Record<string, TemplateRelationFacts> = {};
  for (const [relation, raw] of Object.entries((def.attributes ?? {}) as Record<string, Json>)) {
    // A few definitions misspell the key as `misp-attributes`; MISP reads `misp-attribute` only.
    const type = raw['misp-attribute'];
    if (typeof type !== 'string') continue;
    const facts: TemplateRelationFacts = { types: [type], multiple: raw.multiple === true };
    if (typeof raw.disable_correlation === 'boolean') facts.disableCorrelation = raw.disable_correlation;
    if (typeof raw.to_ids === 'boolean') facts.toIds = raw.to_ids;
    const categories = strings(raw.categories);
    if (categories.length) facts.categories = categories;
    relations[relation] = facts;
  }
  return {
    name,
    uuid: def.uuid.toLowerCase(),
    version: def.version,
    metaCategory: typeof def['meta-category'] === 'string' ? def['meta-category'] : '',
    description: typeof def.description === 'string' ? def.description : '',
    required: strings(def.required),
    requiredOneOf: strings(def.requiredOneOf),
    relations,
    ...(sourceCommit ? { sourceCommit } : {}),
  };
}
