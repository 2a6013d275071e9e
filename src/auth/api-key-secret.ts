import { createHash, randomBytes } from 'node:crypto';

/** A new API key: 40 url-safe random characters (240 bits). Shown once; only its hash is stored. */
export const generateApiKey = (): string => randomBytes(30).toString('base64url');

export const hashApiKey = (key: string): string => createHash('sha256').update(key, 'utf8').digest('hex');

/** Accepts `Authorization: <key>` and `Authorization: Bearer <key>`. */
export function keyFromAuthorization(header: string | undefined | null): string | null {
  if (!header) return null;
  const v = header.trim();
  const m = /^Bearer\s+(.+)$/i.exec(v);
  const key = (m ? m[1] : v).trim();
  return key.length ? key : null;
}
