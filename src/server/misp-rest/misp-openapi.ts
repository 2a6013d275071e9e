import type { MispRoute } from './misp-route.types';
import { MISP_COMPAT_VERSION } from './misp-other-routes';

/**
 * The OpenAPI 3.0 description of what the MISP REST layer serves, generated from its route table (so it
 * cannot drift from the routes): paths in MISP's form, `{id}` arguments, methods, summaries, the
 * capability each write needs, and the shared error shape.
 */
export function mispOpenApi(routes: readonly MispRoute[], softwareVersion: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of routes) {
    const path = `/${r.path.replace(/\{(\w+)\?\}/g, '{$1}')}`;
    const params = [...r.path.matchAll(/\{(\w+)(\?)?\}/g)].map((m) => ({
      name: m[1],
      in: 'path',
      required: true,
      description: m[2] ? 'Optional in MISP: the path without this segment is served too.' : 'Local integer id or uuid (MISP accepts both).',
      schema: { type: 'string' },
    }));
    const op = (method: string) => ({
      summary: r.summary,
      operationId: `${method}_${r.path.replace(/\{\w+\??\}/g, '').replace(/\W+/g, '_').replace(/_+$/, '')}`,
      ...(params.length ? { parameters: params } : {}),
      ...(r.body && method !== 'get' ? { requestBody: { required: false, content: { 'application/json': { schema: { type: 'object', description: `${r.body} (wrapped or unwrapped; numbers may be strings)` } } } } } : {}),
      ...(r.capability ? { 'x-capability': r.capability } : {}),
      responses: {
        '200': { description: 'MISP JSON (or the requested export format for restSearch).' },
        default: { description: 'Error', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
      },
    });
    const entry = (paths[path] ??= {});
    for (const m of r.methods) entry[m.toLowerCase()] = op(m.toLowerCase());
    if (r.methods.includes('GET')) entry.head = { ...op('head'), summary: `Exists check: 200 or 404. ${r.summary}` };
  }
  return {
    openapi: '3.0.3',
    info: {
      title: 'threatmesh MISP-compatible REST API',
      version: softwareVersion,
      description: `The MISP ${MISP_COMPAT_VERSION} REST endpoints this hub serves (PyMISP 2.5.34 compatible). Ids are this hub's local integer ids, as in MISP. Named parameters /key:value may follow any path; a .json suffix is accepted.`,
    },
    components: {
      securitySchemes: {
        ApiKey: { type: 'apiKey', in: 'header', name: 'Authorization', description: 'The API key, raw (no "Bearer"); X-MISP-AUTH is also read.' },
      },
      schemas: {
        Error: {
          type: 'object',
          required: ['name', 'message', 'url'],
          properties: { name: { type: 'string' }, message: { type: 'string' }, url: { type: 'string' }, errors: { type: 'string' }, code: { type: 'string' } },
        },
      },
    },
    security: [{ ApiKey: [] }],
    paths,
  };
}
