import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { Config } from '../../config/config';

/**
 * Peer API keys are stored encrypted (AES-256-GCM). The encryption key is held outside the database:
 * PEER_SECRET_KEY, or a random key created once in PEER_SECRET_FILE (mode 0600). A database dump alone
 * does not reveal the keys of the remote sync users.
 */
export interface PeerSecretBox {
  seal(plain: string): string;
  open(sealed: string): string;
}

export function createPeerSecretBox(config: Config): PeerSecretBox {
  let key: Buffer | null = null;
  const material = (): Buffer => {
    if (key) return key;
    let secret = config.peerSecretKey;
    if (!secret) {
      const file = resolve(config.peerSecretFile);
      if (!existsSync(file)) {
        mkdirSync(dirname(file), { recursive: true });
        writeFileSync(file, randomBytes(32).toString('base64'), { mode: 0o600 });
        chmodSync(file, 0o600);
      }
      secret = readFileSync(file, 'utf8').trim();
    }
    key = createHash('sha256').update(secret).digest();
    return key;
  };
  return {
    seal(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', material(), iv);
      const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return ['v1', iv.toString('base64'), cipher.getAuthTag().toString('base64'), data.toString('base64')].join(':');
    },
    open(sealed) {
      const [v, iv, tag, data] = sealed.split(':');
      if (v !== 'v1') throw new Error('unknown peer secret format');
      const decipher = createDecipheriv('aes-256-gcm', material(), Buffer.from(iv, 'base64'));
      decipher.setAuthTag(Buffer.from(tag, 'base64'));
      return Buffer.concat([decipher.update(Buffer.from(data, 'base64')), decipher.final()]).toString('utf8');
    },
  };
}
