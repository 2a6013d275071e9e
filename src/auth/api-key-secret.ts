import { createHash, randomBytes } from 'node:crypto';

const KEY_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
/** MISP's API key format: 40 letters and digits (what MISP servers accept as a remote server's key). */
export const API_KEY_LENGTH = 40;

/**
 * A new API key: 40 random letters and digits (about 238 bits), MISP's key format, so the key works
 * unchanged in PyMISP and in a MISP server's "add server" form. Shown once; only its hash is stored.
 * Bytes at or above 248 (the largest multiple of 62 in a byte) are dropped so every character is
 * equally likely.
 */
export function generateApiKey(): string {
  let key = '';
  while (key.length < API_KEY_LENGTH) {
    for (const b of randomBytes(64)) {
      if (b < 248 && key.length < API_KEY_LENGTH) key += KEY_ALPHABET[b % 62];
    }
  }
  return key;
}

export const hashApiKey = (key: string): string => createHash('sha256').update(key, 'utf8').digest('hex');

/** Accepts `Authorization: <key>` and `Authorization: Bearer <key>`. */
export function keyFromAuthorization(header: string | undefined | null): string | null {
  if (!header) return null;
  const v = header.trim();
  const m = /^Bearer\s+(.+)$/i.exec(v);
  const key = (m ? m[1] : v).trim();
  return key.length ? key : null;
}
