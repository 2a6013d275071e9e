/** restSearch answers: MISP JSON written here, every other returnFormat through the hub's export writers (streamed). */
import type { AttributeFilter } from '../../modules/attribute/attribute.inputs';
import { attributeWhere } from '../../modules/attribute/attribute.service';
import { exportChunks } from '../../modules/export/export-source';
import { prepareExport } from '../../modules/export/export.service';
import { attributePageRange, countAttributes } from '../../modules/misp-api/misp-api.service';
import type { Scope } from '../../graphql/scope';
import { badInput } from '../../shared/errors';
import { attributesResponse } from './misp-output';
import type { MispReply } from './misp-route.types';
import { MispAttributeSearch, RETURN_FORMATS } from './misp-search';

async function* empty(text: string): AsyncGenerator<string> {
  yield text;
}

/** An export format answer for an attribute filter (csv, text, suricata, snort, stix2). */
export async function searchReply(
  scope: Scope,
  returnFormat: string,
  search: { filter: AttributeFilter; uuids?: string[] | null },
  limit: number | null,
  page: number,
  controller: string,
): Promise<MispReply> {
  if (search.uuids?.length) throw badInput(`uuid works with returnFormat json on ${controller}/restSearch only`, { parameter: 'uuid' });
  if (page > 1) throw badInput(`page ${page}: export formats are answered from the first match on (use limit alone, or returnFormat json)`, { parameter: 'page' });
  const prepared = await prepareExport(scope, RETURN_FORMATS[returnFormat], search.filter, { limit: limit ?? undefined });
  return { contentType: prepared.format.contentType, body: prepared.body };
}

/** attributes/restSearch. */
export async function attributeSearchReply(scope: Scope, search: MispAttributeSearch): Promise<MispReply> {
  if (search.returnFormat !== 'json') return searchReply(scope, search.returnFormat, search, search.limit, search.page, 'attributes');
  const where = await attributeWhere(scope, search.filter);
  if (search.uuids) {
    where.push({ $or: [{ uuid: { $in: search.uuids } }, { event: { uuid: { $in: search.uuids } } }] });
  }
  const count = await countAttributes(scope, where);
  const headers = { 'X-Result-Count': String(count) };
  if (search.limit !== null) {
    const range = await attributePageRange(scope, where, search.limit, (search.page - 1) * search.limit);
    if (!range) return { contentType: 'application/json; charset=utf-8', headers, body: empty('{"response":{"Attribute":[]}}') };
    where.push({ id: { $gte: range.from, $lte: range.to } });
  }
  return {
    contentType: 'application/json; charset=utf-8',
    headers,
    body: attributesResponse(scope, exportChunks(scope, where), { includeContext: search.includeContext, includeEventTags: search.includeEventTags }),
  };
}
