import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { createTokenCipher, keyIdOf, parseEncryptionKey, TokenDecryptionError } from '../../src/db/token-cipher.js';

const TOKEN = 'xoxb-1234-5678-secretsecret';
const CONTEXT = 'team:T1:bot_token';

/** Asserts a TokenDecryptionError that explains the key and never repeats the stored text. */
function assertRefused(fn: () => unknown, sealed: string) {
  assert.throws(fn, (error: unknown) => {
    assert.ok(error instanceof TokenDecryptionError);
    assert.match(error.message, /encryption key does not match the one the tokens were stored with/);
    assert.ok(!error.message.includes(sealed) && !error.message.includes(sealed.split('.').at(-1)!), 'the stored text is not in the message');
    assert.ok(!error.message.includes(TOKEN));
    return true;
  });
}

describe('token cipher', () => {
  const key = randomBytes(32);
  const cipher = createTokenCipher({ key });

  it('round-trips, as v1.<keyId>.<iv>.<tag>.<ciphertext> in base64url, with a fresh IV each time', () => {
    const a = cipher.encrypt(TOKEN, CONTEXT);
    const b = cipher.encrypt(TOKEN, CONTEXT);
    assert.equal(cipher.decrypt(a, CONTEXT), TOKEN);
    assert.equal(cipher.decrypt(b, CONTEXT), TOKEN);
    assert.notEqual(a, b);
    const parts = a.split('.');
    assert.equal(parts.length, 5);
    assert.equal(parts[0], 'v1');
    assert.equal(parts[1], keyIdOf(key));
    assert.match(parts[1]!, /^[0-9a-f]{8}$/);
    assert.equal(Buffer.from(parts[2]!, 'base64url').length, 12);
    assert.equal(Buffer.from(parts[3]!, 'base64url').length, 16);
    for (const p of parts.slice(2)) assert.match(p, /^[A-Za-z0-9_-]*$/);
    assert.ok(!a.includes(TOKEN));
    assert.equal(cipher.decrypt(cipher.encrypt('', CONTEXT), CONTEXT), '');
  });

  it('refuses another context: a ciphertext moved to another row or column', () => {
    const sealed = cipher.encrypt(TOKEN, CONTEXT);
    assertRefused(() => cipher.decrypt(sealed, 'team:T2:bot_token'), sealed);
    assertRefused(() => cipher.decrypt(sealed, 'team:T1:bot_refresh_token'), sealed);
  });

  it('refuses altered text', () => {
    const sealed = cipher.encrypt(TOKEN, CONTEXT);
    const parts = sealed.split('.');
    const flip = (s: string) => {
      const b = Buffer.from(s, 'base64url');
      b[0] = b[0]! ^ 1;
      return b.toString('base64url');
    };
    for (const i of [2, 3, 4]) {
      const altered = parts.map((p, j) => (j === i ? flip(p) : p)).join('.');
      assertRefused(() => cipher.decrypt(altered, CONTEXT), altered);
    }
    assertRefused(() => cipher.decrypt('not a sealed token', CONTEXT), 'not a sealed token');
    assertRefused(() => cipher.decrypt(`v2${sealed.slice(2)}`, CONTEXT), `v2${sealed.slice(2)}`);
  });

  it('refuses with a wrong key, naming the key the text was stored with', () => {
    const sealed = cipher.encrypt(TOKEN, CONTEXT);
    const other = createTokenCipher({ key: randomBytes(32) });
    assertRefused(() => other.decrypt(sealed, CONTEXT), sealed);
    assert.throws(() => other.decrypt(sealed, CONTEXT), new RegExp(`stored with key ${keyIdOf(key)}`));
  });

  it('rotation: previous keys still decrypt, new text uses the current key', () => {
    const old = cipher.encrypt(TOKEN, CONTEXT);
    const next = randomBytes(32);
    const rotated = createTokenCipher({ key: next, previousKeys: [key] });
    assert.equal(rotated.decrypt(old, CONTEXT), TOKEN);
    const fresh = rotated.encrypt(TOKEN, CONTEXT);
    assert.equal(fresh.split('.')[1], keyIdOf(next));
    assertRefused(() => cipher.decrypt(fresh, CONTEXT), fresh);
  });

  it('refuses keys that are not 32 bytes', () => {
    assert.throws(() => createTokenCipher({ key: randomBytes(16) }), /32 bytes/);
    assert.throws(() => createTokenCipher({ key, previousKeys: [randomBytes(31)] }), /32 bytes/);
  });
});

describe('parseEncryptionKey', () => {
  const key = randomBytes(32);

  it('reads base64 (standard and URL-safe, with or without padding) and hex', () => {
    // A key with both '+'/'/' (standard) and '-'/'_' (URL-safe) characters somewhere.
    const tricky = Buffer.from(Array.from({ length: 32 }, (_, i) => (i % 2 ? 0xfb : 0xff)));
    for (const k of [key, tricky]) {
      assert.deepEqual(parseEncryptionKey(k.toString('base64')), k);
      assert.deepEqual(parseEncryptionKey(k.toString('base64').replace(/=+$/, '')), k);
      assert.deepEqual(parseEncryptionKey(k.toString('base64url')), k);
      assert.deepEqual(parseEncryptionKey(k.toString('hex')), k);
      assert.deepEqual(parseEncryptionKey(k.toString('hex').toUpperCase()), k);
      assert.deepEqual(parseEncryptionKey(` ${k.toString('base64')}\n`), k);
    }
  });

  it('refuses anything else with a message that says how to make a key and does not repeat the text', () => {
    for (const text of ['', 'short', randomBytes(16).toString('base64'), randomBytes(48).toString('base64'), randomBytes(31).toString('hex'), 'z'.repeat(64), `${key.toString('base64').slice(0, 40)}!!!=`]) {
      assert.throws(
        () => parseEncryptionKey(text),
        (error: unknown) => {
          assert.ok(error instanceof Error);
          assert.match(error.message, /openssl rand -base64 32/);
          if (text.length > 4) assert.ok(!error.message.includes(text));
          return true;
        },
      );
    }
  });
});
