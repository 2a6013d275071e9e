/**
 * TAXII collections defined by site admins (saved attribute filters). Who may manage them is
 * policy.canManageTaxiiCollections; a filter is checked as the attribute search would check it before
 * it is saved, so a collection never holds a filter that fails later.
 */
import { Scope, requireActor } from '../../graphql/scope';
import { canManageTaxiiCollections } from '../../auth/policy';
import { conflict, forbidden, notFound } from '../../shared/errors';
import { AttributeFilter } from '../attribute/attribute.inputs';
import { attributeWhere } from '../attribute/attribute.service';
import { CreateTaxiiCollectionInput, UpdateTaxiiCollectionInput } from './taxii.inputs';
import { TaxiiCollection } from './taxii-collection.entity';

const requireManager = (scope: Scope) => {
  const actor = requireActor(scope);
  if (!canManageTaxiiCollections(actor)) throw forbidden('Only site admins manage TAXII collections');
};

/** The filter as saved: only the fields given (GraphQL input objects carry undefined for absent fields). */
const filterJson = (f: AttributeFilter) => JSON.stringify(Object.fromEntries(Object.entries(f).filter(([, v]) => v !== undefined)));

export const savedFilter = (c: TaxiiCollection): AttributeFilter => Object.assign(new AttributeFilter(), JSON.parse(c.filter) as object);

async function checkTitleFree(scope: Scope, title: string, except?: number) {
  const other = await scope.em.findOne(TaxiiCollection, { title });
  if (other && other.id !== except) throw conflict(`A TAXII collection titled "${title}" already exists`);
}

export async function listTaxiiCollections(scope: Scope): Promise<TaxiiCollection[]> {
  requireActor(scope);
  return scope.em.find(TaxiiCollection, {}, { orderBy: { id: 'asc' }, limit: 1000 });
}

async function getForManager(scope: Scope, id: string): Promise<TaxiiCollection> {
  requireManager(scope);
  const c = await scope.em.findOne(TaxiiCollection, { uuid: id.toLowerCase() });
  if (!c) throw notFound('TAXII collection', id);
  return c;
}

export async function createTaxiiCollection(scope: Scope, input: CreateTaxiiCollectionInput): Promise<TaxiiCollection> {
  requireManager(scope);
  const title = input.title.trim();
  await checkTitleFree(scope, title);
  await attributeWhere(scope, input.filter);
  const c = Object.assign(new TaxiiCollection(), { title, description: input.description?.trim() || null, filter: filterJson(input.filter) });
  await scope.em.persist(c).flush();
  return c;
}

export async function updateTaxiiCollection(scope: Scope, input: UpdateTaxiiCollectionInput): Promise<TaxiiCollection> {
  const c = await getForManager(scope, input.id);
  if (input.title != null) {
    const title = input.title.trim();
    await checkTitleFree(scope, title, c.id);
    c.title = title;
  }
  if (input.description !== undefined) c.description = input.description?.trim() || null;
  if (input.filter != null) {
    await attributeWhere(scope, input.filter);
    c.filter = filterJson(input.filter);
  }
  await scope.em.flush();
  return c;
}

export async function deleteTaxiiCollection(scope: Scope, id: string): Promise<boolean> {
  const c = await getForManager(scope, id);
  await scope.em.remove(c).flush();
  return true;
}
