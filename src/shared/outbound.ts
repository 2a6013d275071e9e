/**
 * The one outbound policy of the hub (DESIGN §10): feeds and peers reach public addresses only, unless
 * OUTBOUND_ALLOW_PRIVATE is set. The check is made on the address actually connected to: every address a
 * host name resolves to is checked inside the socket's own DNS lookup, so a name that resolves to a public
 * address when saved and to 127.0.0.1 when fetched (DNS rebinding) is still refused. URLs naming an IP
 * literal skip DNS, so they are checked before the request. Redirects are followed by hand, hop by hop,
 * each hop checked the same way, or not at all (peers). Local files are reachable only below one root.
 */
import { lookup as dnsLookup, LookupAddress, LookupOptions } from 'node:dns';
import { realpath } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import ipaddr from 'ipaddr.js';
import { Agent } from 'undici';

export interface OutboundPolicy {
  /** OUTBOUND_ALLOW_PRIVATE: loopback, private, link-local … targets allowed (closed networks, tests). */
  allowPrivate: boolean;
}

/** An outbound request the policy refuses. The message names the target and the reason. */
export class OutboundRefusedError extends Error {
  readonly code = 'EOUTBOUNDREFUSED';
  constructor(message: string) {
    super(message);
    this.name = 'OutboundRefusedError';
  }
}

// Ranges outside the ones ipaddr.js names: IPv4-compatible IPv6 (::a.b.c.d, deprecated; may reach IPv4 hosts).
const EXTRA_REFUSED: Array<[ipaddr.IPv6, number, string]> = [[ipaddr.IPv6.parse('::'), 96, 'ipv4Compatible']];

/**
 * Why `address` (an IP address, no brackets) is not a public unicast address, or null when it is. Pure.
 * Only ipaddr.js's `unicast` range passes; IPv4-mapped IPv6 (::ffff:a.b.c.d) is judged as its IPv4 address.
 * Anything unparseable is refused.
 */
export function forbiddenAddress(address: string): string | null {
  let ip: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    ip = ipaddr.parse(address.replace(/^\[(.*)\]$/, '$1').replace(/%.*$/, ''));
  } catch {
    return 'not an IP address';
  }
  if (ip.kind() === 'ipv6') {
    const v6 = ip as ipaddr.IPv6;
    if (v6.isIPv4MappedAddress()) return forbiddenAddress(v6.toIPv4Address().toString());
    if (v6.range() !== 'unicast') return v6.range();
    for (const [net, bits, name] of EXTRA_REFUSED) if (v6.match(net, bits)) return name;
    return null;
  }
  const range = ip.range();
  return range === 'unicast' ? null : range;
}

/** Throws OutboundRefusedError when the policy refuses `address` reached for `host`. */
function checkAddress(policy: OutboundPolicy, host: string, address: string): void {
  if (policy.allowPrivate) return;
  const why = forbiddenAddress(address);
  if (why) {
    const via = host === address ? '' : ` (${host} resolves to it)`;
    throw new OutboundRefusedError(`${address}${via} is a ${why} address; outbound requests reach public addresses only (OUTBOUND_ALLOW_PRIVATE=true allows it)`);
  }
}

/** Scheme and, for IP literals (which skip DNS), the address of a URL; throws OutboundRefusedError. */
export function checkUrl(policy: OutboundPolicy, url: URL): void {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new OutboundRefusedError(`${url.protocol} URLs are not fetched (${url.origin}): expected http or https`);
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  if (ipaddr.isValid(host)) checkAddress(policy, host, host);
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/** A dns.lookup for sockets that refuses a name when any of its addresses is refused. */
function guardedLookup(policy: OutboundPolicy) {
  return (hostname: string, options: LookupOptions, callback: LookupCallback) => {
    dnsLookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, []);
      try {
        for (const a of addresses) checkAddress(policy, hostname, a.address);
      } catch (e) {
        return callback(e as NodeJS.ErrnoException, []);
      }
      if (options.all) return callback(null, addresses);
      if (!addresses.length) return callback(Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }), []);
      callback(null, addresses[0].address, addresses[0].family);
    });
  };
}

export interface OutboundFetchOptions {
  /** Redirects followed (each hop checked); 0 = a redirect is an error. */
  maxRedirects: number;
  /** Headers sent only to the first URL's origin (dropped when a redirect leaves it). */
  originOnlyHeaders?: Record<string, string>;
}

/** The refusal behind a failed fetch (fetch wraps socket errors as `cause`), or null. */
export function outboundRefusal(e: unknown): OutboundRefusedError | null {
  for (let cur = e as { cause?: unknown } | undefined, i = 0; cur && i < 5; cur = cur.cause as { cause?: unknown } | undefined, i++) {
    if (cur instanceof OutboundRefusedError) return cur;
  }
  return null;
}

/**
 * HTTP client of one outbound job (a feed run, a peer client): one connection pool whose sockets only
 * connect to addresses the policy allows. Close it when the job ends.
 */
export class OutboundHttp {
  private readonly agent: Agent;

  constructor(
    private readonly policy: OutboundPolicy,
    opts: { tlsVerify?: boolean } = {},
  ) {
    this.agent = new Agent({ connect: { lookup: guardedLookup(policy), ...(opts.tlsVerify === false ? { rejectUnauthorized: false } : {}) } });
  }

  /**
   * fetch with the policy: redirects are followed by hand, up to `maxRedirects` hops, each one checked;
   * `originOnlyHeaders` never leave the first URL's origin. Throws OutboundRefusedError for a refused
   * target or redirect, and fetch's own errors otherwise.
   */
  async fetch(url: URL, init: RequestInit, opts: OutboundFetchOptions): Promise<Response> {
    const origin = url.origin;
    let current = url;
    for (let hop = 0; ; hop++) {
      checkUrl(this.policy, current);
      const headers = { ...(init.headers as Record<string, string> | undefined), ...(current.origin === origin ? opts.originOnlyHeaders : {}) };
      const res = await fetch(current, { ...init, headers, redirect: 'manual', dispatcher: this.agent } as RequestInit);
      if (res.status < 300 || res.status > 399 || res.status === 304) return res;
      await res.body?.cancel().catch(() => undefined);
      const location = res.headers.get('location');
      if (!location) return res;
      if (hop >= opts.maxRedirects) {
        throw new OutboundRefusedError(
          opts.maxRedirects === 0
            ? `${current.origin} answered a redirect (HTTP ${res.status}); redirects are not followed: set the final address`
            : `${url.origin}: more than ${opts.maxRedirects} redirects`,
        );
      }
      let next: URL;
      try {
        next = new URL(location, current);
      } catch {
        throw new OutboundRefusedError(`${current.origin} answered a redirect (HTTP ${res.status}) to something that is not a URL`);
      }
      current = next;
    }
  }

  async close(): Promise<void> {
    await this.agent.close();
  }
}

/**
 * The real path of a local file below `root` (FEED_FILE_ROOT), after symlinks and `..`; throws
 * OutboundRefusedError naming the path when local files are off (root null) or the path leaves the root.
 * A path that does not exist yet is judged by its nearest existing parent (a feed may be saved before its
 * file is written); reading it later checks again.
 */
export async function localFileBelowRoot(root: string | null, path: string): Promise<string> {
  if (!root) throw new OutboundRefusedError(`local file feeds are off (FEED_FILE_ROOT is not set): "${path}" is not read`);
  const realRoot = await realpath(root).catch(() => {
    throw new OutboundRefusedError(`FEED_FILE_ROOT "${root}" does not exist: "${path}" is not read`);
  });
  const real = await realpathOfExistingPart(resolve(realRoot, path));
  const rel = relative(realRoot, real);
  if (rel === '' || rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) {
    throw new OutboundRefusedError(`"${path}" is outside FEED_FILE_ROOT "${root}" (it resolves to "${real}")`);
  }
  return real;
}

/** realpath of `absolute`, or of its nearest existing parent joined with the missing rest. */
async function realpathOfExistingPart(absolute: string): Promise<string> {
  const missing: string[] = [];
  let cur = absolute;
  for (;;) {
    try {
      return join(await realpath(cur), ...missing.reverse());
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT' && (e as NodeJS.ErrnoException).code !== 'ENOTDIR') throw e;
      const parent = dirname(cur);
      if (parent === cur) return absolute;
      missing.push(basename(cur));
      cur = parent;
    }
  }
}
