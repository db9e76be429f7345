import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { SafeStorageLike } from '../../../src/main/secure/safe-storage';

/**
 * The test stand-in for Electron's safeStorage: real AES-256-GCM under a key that lives only
 * in this object, as the OS keychain's key lives only in the keychain. Another instance (a
 * "reset keychain") cannot read what this one wrote.
 */
export class AesSafeStorage implements SafeStorageLike {
  constructor(
    private readonly key: Buffer = randomBytes(32),
    private readonly available = true,
  ) {}

  isEncryptionAvailable(): boolean {
    return this.available;
  }

  encryptString(plainText: string): Buffer {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(plainText, 'utf8'), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), body]);
  }

  decryptString(encrypted: Buffer): string {
    const decipher = createDecipheriv('aes-256-gcm', this.key, encrypted.subarray(0, 12));
    decipher.setAuthTag(encrypted.subarray(12, 28));
    return Buffer.concat([decipher.update(encrypted.subarray(28)), decipher.final()]).toString('utf8');
  }
}
