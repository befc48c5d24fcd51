// Slack tokens are stored encrypted: AES-256-GCM, a fresh 12-byte IV each time, and a context
// (the row and column, e.g. 'team:T1:bot_token') as additional authenticated data, so a
// ciphertext copied into another row or column does not decrypt. The stored text names the key
// it was sealed with (the first 8 hex digits of the key's SHA-256), so during a key rotation the
// previous keys keep old rows readable while new writes use the current key.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

export interface TokenCipher {
  encrypt(plain: string, context: string): string;
  decrypt(sealed: string, context: string): string;
}

export interface TokenCipherOptions {
  /** 32 bytes: every encryption uses it. */
  key: Buffer;
  /** Keys used before, still accepted for decryption until every row is written again. */
  previousKeys?: Buffer[];
}

/** A stored token that does not open with the configured keys. The message never holds the stored text. */
export class TokenDecryptionError extends Error {
  override name = 'TokenDecryptionError';
}

const VERSION = 'v1';
const IV_BYTES = 12;
const KEY_BYTES = 32;

export const keyIdOf = (key: Buffer): string => createHash('sha256').update(key).digest('hex').slice(0, 8);

export function createTokenCipher({ key, previousKeys = [] }: TokenCipherOptions): TokenCipher {
  for (const k of [key, ...previousKeys]) {
    if (k.length !== KEY_BYTES) throw new Error(`A token encryption key must be ${KEY_BYTES} bytes, not ${k.length}.`);
  }
  const currentId = keyIdOf(key);
  const keys = new Map<string, Buffer>();
  for (const k of [key, ...previousKeys]) if (!keys.has(keyIdOf(k))) keys.set(keyIdOf(k), k);

  const refuse = (context: string, why: string) =>
    new TokenDecryptionError(
      `A stored Slack token (${context}) could not be decrypted: the encryption key does not match the one the tokens were stored with (${why}). ` +
        'Configure the key they were stored with, or list it among the previous keys while rotating.',
    );

  return {
    encrypt(plain, context) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(Buffer.from(context, 'utf8'));
      const sealed = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return [VERSION, currentId, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), sealed.toString('base64url')].join('.');
    },

    decrypt(sealed, context) {
      const parts = sealed.split('.');
      if (parts.length !== 5 || parts[0] !== VERSION) throw refuse(context, 'the stored value is not in the expected format');
      const [, keyId, iv, tag, body] = parts as [string, string, string, string, string];
      const k = keys.get(keyId);
      if (!k) throw refuse(context, `it was stored with key ${keyId}, which is not configured`);
      try {
        const decipher = createDecipheriv('aes-256-gcm', k, Buffer.from(iv, 'base64url'));
        decipher.setAAD(Buffer.from(context, 'utf8'));
        decipher.setAuthTag(Buffer.from(tag, 'base64url'));
        return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
      } catch {
        // GCM's authentication failed (or the IV or tag is malformed): altered, or moved from another row or column.
        throw refuse(context, 'the stored value was altered or belongs to another row or column');
      }
    },
  };
}

/**
 * A 32-byte key from its text: base64 (standard or URL-safe, padding optional) or 64 hex digits.
 * The message of a refusal never repeats the text, which may be a (wrong) secret.
 */
export function parseEncryptionKey(text: string): Buffer {
  const t = text.trim();
  if (/^[0-9a-fA-F]{64}$/.test(t)) return Buffer.from(t, 'hex');
  if (/^[A-Za-z0-9+/_-]{43}={0,1}$/.test(t)) {
    const key = Buffer.from(t.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
    if (key.length === KEY_BYTES) return key;
  }
  throw new Error(
    `The token encryption key must be ${KEY_BYTES} random bytes written as base64 (44 characters) or hex (64 characters); ` +
      'make one with `openssl rand -base64 32`.',
  );
}
