import { hash, randomBytes } from 'node:crypto';

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

/** SHA-256 of the key, hex (what api_keys.key_hash stores). One-shot crypto.hash: a sixth of createHash's cost per request. */
export const hashApiKey = (key: string): string => hash('sha256', key, 'hex');

/** Accepts `Authorization: <key>` and `Authorization: Bearer <key>`. */
export function keyFromAuthorization(header: string | undefined | null): string | null {
  if (!header) return null;
  const v = header.trim();
  const m = /^Bearer\s+(.+)$/i.exec(v);
  const key = (m ? m[1] : v).trim();
  return key.length ? key : null;
}
