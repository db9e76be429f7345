import { createCipheriv, createDecipheriv, createHmac, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import type { EncryptionHeader } from './format';

/** scrypt cost: 2^15 × 8 × 128 B = 32 MiB and a fraction of a second per attempt. */
export const KDF = { N: 2 ** 15, r: 8, p: 1 } as const;
export const CHUNK_SIZE = 1024 * 1024;
const TAG_BYTES = 16;

export interface StreamKey {
  key: Buffer;
  noncePrefix: Buffer;
  /** Binds every chunk to this file's header (hash of magic + header). */
  aad: Buffer;
  chunkSize: number;
}

function deriveKey(passphrase: string, salt: Buffer, params: { N: number; r: number; p: number }): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(
      passphrase.normalize('NFC'),
      salt,
      32,
      { ...params, maxmem: 256 * params.N * params.r * params.p + 16 * 1024 * 1024 },
      (error, key) => (error ? reject(error) : resolve(key)),
    );
  });
}

function keyCheckOf(key: Buffer): Buffer {
  return createHmac('sha256', key).update('dangan-backup-key-check').digest().subarray(0, 16);
}

/** A new key and the header fields a reader needs to derive it again. */
export async function newEncryption(passphrase: string): Promise<{ key: Buffer; noncePrefix: Buffer; header: EncryptionHeader }> {
  const salt = randomBytes(16);
  const noncePrefix = randomBytes(7);
  const key = await deriveKey(passphrase, salt, KDF);
  return {
    key,
    noncePrefix,
    header: {
      cipher: 'aes-256-gcm',
      kdf: 'scrypt',
      ...KDF,
      salt: salt.toString('base64'),
      noncePrefix: noncePrefix.toString('base64'),
      keyCheck: keyCheckOf(key).toString('base64'),
      chunkSize: CHUNK_SIZE,
    },
  };
}

/** The key for an existing file, or null when the passphrase is not the one it was made with. */
export async function openEncryption(passphrase: string, header: EncryptionHeader): Promise<{ key: Buffer; noncePrefix: Buffer } | null> {
  const salt = Buffer.from(header.salt, 'base64');
  const noncePrefix = Buffer.from(header.noncePrefix, 'base64');
  const expected = Buffer.from(header.keyCheck, 'base64');
  if (salt.length < 16 || noncePrefix.length !== 7 || expected.length !== 16) return null;
  const key = await deriveKey(passphrase, salt, header);
  return timingSafeEqual(keyCheckOf(key), expected) ? { key, noncePrefix } : null;
}

/**
 * Chunk nonces follow the STREAM construction: prefix ‖ counter ‖ last-chunk flag, so a
 * reordered, repeated, dropped or truncated chunk fails authentication.
 */
function nonce(prefix: Buffer, counter: number, final: boolean): Buffer {
  const value = Buffer.alloc(12);
  prefix.copy(value, 0, 0, 7);
  value.writeUInt32BE(counter, 7);
  value.writeUInt8(final ? 1 : 0, 11);
  return value;
}

/** One sealed chunk as stored: u32 length · ciphertext · 16-byte tag. */
export function sealChunk(stream: StreamKey, counter: number, final: boolean, plain: Buffer): Buffer {
  const cipher = createCipheriv('aes-256-gcm', stream.key, nonce(stream.noncePrefix, counter, final));
  cipher.setAAD(stream.aad);
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(body.length);
  return Buffer.concat([length, body, cipher.getAuthTag()]);
}

/** Decrypts one chunk (ciphertext followed by its tag); null when it fails authentication. */
export function openChunk(stream: StreamKey, counter: number, final: boolean, sealed: Buffer): Buffer | null {
  if (sealed.length < TAG_BYTES) return null;
  const decipher = createDecipheriv('aes-256-gcm', stream.key, nonce(stream.noncePrefix, counter, final));
  decipher.setAAD(stream.aad);
  decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
  try {
    return Buffer.concat([decipher.update(sealed.subarray(0, sealed.length - TAG_BYTES)), decipher.final()]);
  } catch {
    return null;
  }
}

export const SEALED_OVERHEAD = 4 + TAG_BYTES;
