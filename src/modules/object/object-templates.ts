/**
 * MISP object templates as shipped facts, and the validation of an object against its template.
 *
 * The facts (object-templates.data.json) come from MISP's public templates (github MISP/misp-objects,
 * objects/<name>/definition.json; the commit of each is recorded beside it) and are refreshed with
 * scripts/object-templates-build.ts: nothing is fetched at run time. Pure, no database.
 *
 * Two modes, because templates change over time and MISP accepted objects made with older ones:
 *  - `strict` (objects made through this hub's own API): every template finding is an error;
 *  - `import` (MISP JSON import, feeds, sync: data a MISP already accepted): template findings are warnings,
 *    so an object made with an older (or newer) version of its template is never dropped.
 * An unknown template (a custom one) is accepted unvalidated in both modes (`known: false`).
 */
import data from './object-templates.data.json';
import type { ObjectTemplateData, ObjectTemplateFacts, TemplateRelationFacts } from './object-templates.facts';

export type { ObjectTemplateFacts, TemplateRelationFacts } from './object-templates.facts';

// The data file is written by scripts/object-templates-build.ts from ObjectTemplateFacts, so the cast holds.
const TEMPLATES: readonly ObjectTemplateFacts[] = (data as unknown as ObjectTemplateData).templates;
const BY_NAME: ReadonlyMap<string, ObjectTemplateFacts> = new Map(TEMPLATES.map((t) => [t.name, t]));
const BY_UUID: ReadonlyMap<string, ObjectTemplateFacts> = new Map(TEMPLATES.map((t) => [t.uuid, t]));

/** Every shipped template, by name. */
export const OBJECT_TEMPLATES: ReadonlyMap<string, ObjectTemplateFacts> = BY_NAME;

/** The shipped template with this name, or with this uuid (MISP renamed some, e.g. `domain|ip` → `domain-ip`). */
export function getObjectTemplate(nameOrUuid: string): ObjectTemplateFacts | undefined {
  return BY_NAME.get(nameOrUuid) ?? BY_UUID.get(nameOrUuid.toLowerCase());
}

export interface ObjectAttributeRef {
  objectRelation: string;
  type: string;
}

export interface ValidateMispObjectOptions {
  /** `strict` (default): template findings are errors. `import`: they are warnings (MISP already accepted it). */
  mode?: 'strict' | 'import';
}

export interface MispObjectCheck {
  /** A shipped template was found (by name, or by uuid) and the object was checked against it. */
  known: boolean;
  /** The template it was checked against. */
  template?: ObjectTemplateFacts;
  /** Reasons to refuse the object. */
  errors: string[];
  /** Findings that do not refuse it (in `import` mode, every template finding). */
  warnings: string[];
}

/**
 * Checks an object's attributes against its MISP template: every relation known to the template, of a type the
 * template allows for it, a relation that is not `multiple` at most once, every `required` relation present, and
 * at least one of `requiredOneOf`. An attribute without a relation is an error in both modes (a MISP object
 * attribute always has one). Messages name the template, the relation and the offending type.
 */
export function validateMispObject(
  templateName: string,
  templateUuid: string | null | undefined,
  attributes: readonly ObjectAttributeRef[],
  options: ValidateMispObjectOptions = {},
): MispObjectCheck {
  const errors: string[] = [];
  const warnings: string[] = [];
  for (const [i, a] of attributes.entries()) {
    if (!a.objectRelation) errors.push(`object "${templateName}": attribute ${i + 1} (${a.type}) has no object relation`);
  }

  const byName = BY_NAME.get(templateName);
  const byUuid = templateUuid ? BY_UUID.get(templateUuid.toLowerCase()) : undefined;
  let template = byName;
  if (byName && templateUuid && byName.uuid !== templateUuid.toLowerCase()) {
    // Same name as a MISP template but another uuid: someone's own template. Not ours to judge.
    warnings.push(`object "${templateName}": template uuid ${templateUuid} is not MISP's (${byName.uuid}); not validated`);
    template = undefined;
  } else if (!byName && byUuid) {
    warnings.push(`object "${templateName}": validated against MISP template "${byUuid.name}" (same template uuid)`);
    template = byUuid;
  }
  if (!template) return { known: false, errors, warnings };

  const findings = templateFindings(template, templateName, attributes);
  if (options.mode === 'import') warnings.push(...findings);
  else errors.push(...findings);
  return { known: true, template, errors, warnings };
}

function templateFindings(t: ObjectTemplateFacts, shownName: string, attributes: readonly ObjectAttributeRef[]): string[] {
  const out: string[] = [];
  const where = `object "${shownName}" (template ${t.name} v${t.version})`;
  const counts = new Map<string, number>();
  for (const a of attributes) {
    if (!a.objectRelation) continue;
    counts.set(a.objectRelation, (counts.get(a.objectRelation) ?? 0) + 1);
    const rel: TemplateRelationFacts | undefined = Object.hasOwn(t.relations, a.objectRelation)
      ? t.relations[a.objectRelation]
      : undefined;
    if (!rel) out.push(`${where}: unknown relation "${a.objectRelation}"`);
    else if (!rel.types.includes(a.type)) {
      out.push(`${where}: relation "${a.objectRelation}" takes type ${rel.types.join(' or ')}, not "${a.type}"`);
    }
  }
  for (const [relation, n] of counts) {
    if (n > 1 && Object.hasOwn(t.relations, relation) && !t.relations[relation].multiple) {
      out.push(`${where}: relation "${relation}" is given ${n} times but may appear once`);
    }
  }
  const missing = t.required.filter((r) => !counts.has(r));
  if (missing.length) out.push(`${where}: required relation${missing.length > 1 ? 's' : ''} missing: ${missing.join(', ')}`);
  if (t.requiredOneOf.length && !t.requiredOneOf.some((r) => counts.has(r))) {
    out.push(`${where}: needs at least one of: ${t.requiredOneOf.join(', ')}`);
  }
  return out;
}
