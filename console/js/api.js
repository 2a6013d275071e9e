// The console's only way to the hub: the public GraphQL API with the user's own key, over HTTP
// (POST /graphql) and graphql-ws (same URL). No other endpoint is read.
const KEY = 'threatmesh.apiKey';
export const GRAPHQL_URL = `${location.origin}/graphql`;

export function storedKey() {
  try {
    return localStorage.getItem(KEY) || '';
  } catch {
    return '';
  }
}
export function storeKey(key) {
  try {
    if (key) localStorage.setItem(KEY, key);
    else localStorage.removeItem(KEY);
  } catch {
    /* private mode: kept for this page only */
  }
}

/** A GraphQL error as thrown by gql(): message of the first error, code from its extensions. */
export class ApiError extends Error {
  constructor(errors) {
    super(errors.map((e) => e.message).join('; '));
    this.code = errors[0]?.extensions?.code ?? 'ERROR';
  }
}

/** Runs one operation; resolves with `data`, rejects with ApiError. */
export async function gql(key, query, variables = {}) {
  const res = await fetch(GRAPHQL_URL, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: key },
    body: JSON.stringify({ query, variables }),
  });
  let body;
  try {
    body = await res.json();
  } catch {
    throw new ApiError([{ message: `HTTP ${res.status}`, extensions: { code: 'HTTP' } }]);
  }
  if (body.errors?.length) throw new ApiError(body.errors);
  return body.data;
}

/**
 * A graphql-ws client that does not retry by itself: callers resubscribe with their own `since` cursor
 * after a drop, so a reconnect resumes where the stream stopped (graphql-ws would resend the first
 * variables). `onStatus` receives 'connecting' | 'live' | 'down'.
 */
export function wsClient(key, onStatus = () => {}, { lazy = true } = {}) {
  return graphqlWs.createClient({
    url: GRAPHQL_URL.replace(/^http/, 'ws'),
    connectionParams: { authorization: key },
    lazy,
    retryAttempts: 0,
    on: {
      connecting: () => onStatus('connecting'),
      connected: () => onStatus('live'),
      closed: () => onStatus('down'),
    },
  });
}
