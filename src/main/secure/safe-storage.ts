/**
 * The part of Electron's `safeStorage` the vault uses: encryption with a key the operating
 * system keeps (Keychain, DPAPI, libsecret). Injected, so everything else is plain Node and
 * tested with a stand-in that really encrypts.
 */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
}
