/**
 * MISP request bodies → the hub's service inputs. MISP (and PyMISP) send entities wrapped
 * (`{"Event": {...}}`) or unwrapped, numbers as strings ("distribution": "0"), booleans as 0/1, tags as
 * `[{"name": ...}]`, sharing groups by local id. Fields MISP computes (id, timestamp, Org, ...) are
 * ignored as MISP ignores them. The inputs are checked with the same class-validator rules as GraphQL's.
 */
import { validateSync } from 'class-validator';
import { AttributeInput, UpdateAttributeInput } from '../../modules/attribute/attribute.inputs';
import { CreateEventInput, UpdateEventInput } from '../../modules/event/event.inputs';
import { Analysis, Distribution, ThreatLevel } from '../../shared/enums';
import { badInput } from '../../shared/errors';

export type Body = Record<string, unknown>;

export interface DecodeRefs {
  /** A sharing group's local id or uuid → its uuid. */
  sharingGroupUuid(ref: string): Promise<string>;
}

const show = (v: unknown) => JSON.stringify(v)?.slice(0, 100) ?? String(v);

/** The entity of a body: `{"<Key>": {...}}` or the body itself. */
export function unwrap(body: unknown, key: string): Body {
  if (body === undefined || body === null) throw badInput(`A JSON body is required (a ${key} object)`);
  if (typeof body !== 'object' || Array.isArray(body)) throw badInput(`The body must be a ${key} object, got ${show(body)}`);
  const b = body as Body;
  const inner = b[key];
  return inner && typeof inner === 'object' && !Array.isArray(inner) ? (inner as Body) : b;
}

function str(b: Body, name: string, path: string): string | undefined {
  const v = b[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string' && typeof v !== 'number') throw badInput(`Invalid ${path}${name} ${show(v)}: expected a string`);
  return String(v);
}

function mispBool(b: Body, name: string, path: string): boolean | undefined {
  const v = b[name];
  if (v === undefined || v === null || v === '') return undefined;
  if (v === true || v === 1 || v === '1' || v === 'true') return true;
  if (v === false || v === 0 || v === '0' || v === 'false') return false;
  throw badInput(`Invalid ${path}${name} ${show(v)}: expected true, false, 0 or 1`);
}

function numberIn(b: Body, name: string, path: string, min: number, max: number): number | undefined {
  const v = str(b, name, path);
  if (v === undefined || v === '') return undefined;
  const n = /^\d+$/.test(v.trim()) ? Number(v) : NaN;
  if (!(n >= min && n <= max)) throw badInput(`Invalid ${path}${name} ${show(b[name])}: expected a number from ${min} to ${max}`);
  return n;
}

function date(b: Body, name: string, path: string): Date | null | undefined {
  const v = b[name];
  if (v === undefined) return undefined;
  if (v === null || v === '') return null;
  const d = typeof v === 'string' || typeof v === 'number' ? new Date(typeof v === 'number' || /^\d+$/.test(v) ? Number(v) * 1000 : v) : new Date(NaN);
  if (Number.isNaN(d.getTime())) throw badInput(`Invalid ${path}${name} ${show(v)}: expected an ISO 8601 instant`);
  return d;
}

/** Tag names of a `Tag` list (`[{"name": ...}]` or `["name"]`). */
export function tagNames(b: Body, path: string): string[] | undefined {
  const v = b.Tag;
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v)) throw badInput(`Invalid ${path}Tag: expected a list of tags`);
  return v.map((t, i) => {
    const name = typeof t === 'string' ? t : t && typeof t === 'object' ? (t as Body).name : undefined;
    if (typeof name !== 'string' || !name.trim()) throw badInput(`Invalid ${path}Tag[${i}] ${show(t)}: expected {"name": "..."}`);
    return name;
  });
}

/** A list member of a body (`Attribute`, `Object`): absent → undefined. */
export function listOf(b: Body, name: string, path: string): Body[] | undefined {
  const v = b[name];
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v) || v.some((x) => !x || typeof x !== 'object' || Array.isArray(x))) throw badInput(`Invalid ${path}${name}: expected a list of objects`);
  return v as Body[];
}

/**
 * distribution and sharing_group_id. On a change (`update`), a distribution other than SHARING_GROUP
 * clears the group (the services keep the stored group when none is named).
 */
async function distributionOf(b: Body, path: string, refs: DecodeRefs, max: number, update = false) {
  const distribution = numberIn(b, 'distribution', path, 0, max) as Distribution | undefined;
  const sg = str(b, 'sharing_group_id', path);
  let sharingGroupId: string | null | undefined = distribution === Distribution.SHARING_GROUP && sg && sg !== '0' ? await refs.sharingGroupUuid(sg) : undefined;
  if (update && distribution !== undefined && distribution !== Distribution.SHARING_GROUP) sharingGroupId = null;
  return { distribution, sharingGroupId };
}

function checked<T extends object>(instance: T, path: string): T {
  const problems = validateSync(instance, { forbidUnknownValues: false });
  if (problems.length) throw badInput(problems.map((p) => `${path}${p.property}: ${Object.values(p.constraints ?? {}).join(', ')}`).join('; '));
  return instance;
}

const defined = <T extends object>(o: T): T => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;

export async function decodeAttribute(b: Body, path: string, refs: DecodeRefs): Promise<AttributeInput> {
  const type = str(b, 'type', path);
  const value = str(b, 'value', path);
  if (!type) throw badInput(`${path}type is required`);
  if (value === undefined || value === '') throw badInput(`${path}value is required`);
  return checked(
    Object.assign(
      new AttributeInput(),
      defined({
        type,
        value,
        category: str(b, 'category', path) || undefined,
        toIds: mispBool(b, 'to_ids', path),
        ...(await distributionOf(b, path, refs, 5)),
        comment: str(b, 'comment', path),
        tags: tagNames(b, path),
        uuid: str(b, 'uuid', path),
        disableCorrelation: mispBool(b, 'disable_correlation', path),
        firstSeen: date(b, 'first_seen', path) ?? undefined,
        lastSeen: date(b, 'last_seen', path) ?? undefined,
      }),
    ),
    path,
  );
}

/** Changes of attributes/edit (and of an attribute inside events/edit): only what the body names. */
export async function decodeAttributeChanges(b: Body, uuid: string, path: string, refs: DecodeRefs): Promise<UpdateAttributeInput> {
  return checked(
    Object.assign(
      new UpdateAttributeInput(),
      defined({
        id: uuid,
        value: str(b, 'value', path),
        category: str(b, 'category', path) || undefined,
        toIds: mispBool(b, 'to_ids', path),
        ...(await distributionOf(b, path, refs, 5, true)),
        comment: str(b, 'comment', path),
        disableCorrelation: mispBool(b, 'disable_correlation', path),
        firstSeen: date(b, 'first_seen', path),
        lastSeen: date(b, 'last_seen', path),
      }),
    ),
    path,
  );
}

function eventFields(b: Body) {
  return {
    threatLevel: numberIn(b, 'threat_level_id', '', 1, 4) as ThreatLevel | undefined,
    analysis: numberIn(b, 'analysis', '', 0, 2) as Analysis | undefined,
    date: str(b, 'date', '') || undefined,
    disableCorrelation: mispBool(b, 'disable_correlation', ''),
  };
}

export async function decodeNewEvent(b: Body, refs: DecodeRefs): Promise<CreateEventInput> {
  const info = str(b, 'info', '');
  if (!info) throw badInput('info is required: a new event needs a description');
  const dist = await distributionOf(b, '', refs, 4);
  const extendsUuid = str(b, 'extends_uuid', '');
  return checked(
    Object.assign(
      new CreateEventInput(),
      defined({
        info,
        // MISP's default distribution for new events is "your organisation only" unless set.
        distribution: dist.distribution ?? Distribution.ORGANISATION_ONLY,
        sharingGroupId: dist.sharingGroupId,
        ...eventFields(b),
        tags: tagNames(b, ''),
        uuid: str(b, 'uuid', '') || undefined,
        extendsUuid: extendsUuid || undefined,
      }),
    ),
    '',
  );
}

export async function decodeEventChanges(b: Body, uuid: string, refs: DecodeRefs): Promise<UpdateEventInput> {
  const dist = await distributionOf(b, '', refs, 4, true);
  return checked(Object.assign(new UpdateEventInput(), defined({ id: uuid, info: str(b, 'info', '') || undefined, ...dist, ...eventFields(b) })), '');
}

export { mispBool as bodyBool, str as bodyString };
