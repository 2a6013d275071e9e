import type { TestHub } from './hub';

/** One answer of the MISP REST layer. */
export interface MispAnswer {
  status: number;
  headers: Headers;
  text: string;
  /** The body parsed as JSON (undefined when it is not JSON). */
  json: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/**
 * A client that sends what PyMISP 2.5.34 sends (reference/pymisp-http-contract.md): the raw key in
 * `Authorization` (or `X-MISP-AUTH`), `Accept` and `content-type: application/json` on every request
 * (GET and HEAD too), PyMISP's User-Agent, JSON bodies as given.
 */
export function mispHttp(hub: TestHub, key: string, opts: { header?: 'authorization' | 'x-misp-auth' } = {}) {
  const base = hub.url.replace(/\/graphql$/, '');
  return async (method: string, path: string, body?: unknown, extraHeaders: Record<string, string> = {}): Promise<MispAnswer> => {
    const res = await fetch(`${base}/${path.replace(/^\//, '')}`, {
      method,
      headers: {
        [opts.header ?? 'authorization']: key,
        accept: 'application/json',
        'content-type': 'application/json',
        'user-agent': 'PyMISP 2.5.34.1 - Python 3.11',
        ...extraHeaders,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    return { status: res.status, headers: res.headers, text, json };
  };
}

/** PyMISP's response handling: a dict with a non-null `response` key is unwrapped. */
export const unwrapResponse = (json: any) => (json && typeof json === 'object' && !Array.isArray(json) && json.response != null ? json.response : json); // eslint-disable-line @typescript-eslint/no-explicit-any
