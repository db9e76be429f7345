import { randomBytes, randomUUID } from 'node:crypto';
import { mkdir, readFile, rename } from 'node:fs/promises';
import path from 'node:path';
import { IpcFailure } from '../../shared/ipc/define';
import type { DeviceIdentity, KnownAccount, StoredSession } from '../../shared/ipc/secure';
import { LOCAL_PROFILE, type SessionUser } from '../../shared/users';
import { writeFileAtomic } from '../settings/atomic';
import type { SafeStorageLike } from './safe-storage';
import { checkVerifier, DEFAULT_SCRYPT_N, makeVerifier, type Verifier } from './verifier';

interface AccountRecord {
  user: SessionUser;
  username: string;
  serverUrl: string;
  verifier: Verifier;
  lastSignInAt: number;
}

interface VaultData {
  version: 1;
  device: DeviceIdentity | null;
  session: { userId: string; token: string; expiresAt: number } | null;
  accounts: Record<string, AccountRecord>;
  /** Per user id: the key of that user's locally encrypted fields. Never deleted. */
  keys: Record<string, string>;
}

const EMPTY: VaultData = { version: 1, device: null, session: null, accounts: {}, keys: {} };
export const VAULT_FILE = 'vault.bin';

function unavailable(): IpcFailure {
  return new IpcFailure(
    'unavailable',
    'the operating system offers no encrypted storage for secrets',
    'sync:errors.secureStorage',
  );
}

const sameName = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/**
 * One file, `<dataDir>/secure/vault.bin`, encrypted as a whole with safeStorage and replaced
 * atomically on every change. A file that cannot be decrypted (the OS keychain was reset) is
 * kept aside, never overwritten. Holds the device identity, the current session, and per user
 * the offline verifier and the database key. The key is only handed to the user whose
 * session is open or who has just unlocked with their password.
 */
export class SecureVault {
  private data: VaultData = structuredClone(EMPTY);
  private unlockedUserId: string | null = null;
  private failures = 0;
  private lockedUntil = 0;
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly file: string,
    private readonly safe: SafeStorageLike,
    private readonly scryptN: number,
    private readonly hostname: string,
  ) {}

  static async open(
    dataDir: string,
    safe: SafeStorageLike,
    options: { scryptN?: number; hostname?: string } = {},
  ): Promise<SecureVault> {
    const dir = path.join(dataDir, 'secure');
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const vault = new SecureVault(path.join(dir, VAULT_FILE), safe, options.scryptN ?? DEFAULT_SCRYPT_N, options.hostname ?? 'laptop');
    await vault.load();
    return vault;
  }

  get available(): boolean {
    return this.safe.isEncryptionAvailable();
  }

  private async load(): Promise<void> {
    let raw: Buffer;
    try {
      raw = await readFile(this.file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw error;
    }
    try {
      const parsed = JSON.parse(this.safe.decryptString(raw)) as VaultData;
      if (parsed.version !== 1 || typeof parsed.accounts !== 'object' || typeof parsed.keys !== 'object') {
        throw new Error('not a vault');
      }
      this.data = { ...structuredClone(EMPTY), ...parsed };
    } catch {
      await rename(this.file, `${this.file}.unreadable-${Date.now()}`);
    }
  }

  /** Serialised read-modify-write of the file. */
  private change<T>(apply: (data: VaultData) => T | Promise<T>): Promise<T> {
    const run = this.queue.then(async () => {
      if (!this.available) throw unavailable();
      const next = structuredClone(this.data);
      const result = await apply(next);
      await writeFileAtomic(this.file, this.safe.encryptString(JSON.stringify(next)));
      this.data = next;
      return result;
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  async device(): Promise<DeviceIdentity> {
    if (this.data.device) return { ...this.data.device };
    return this.change((data) => (data.device ??= { deviceId: randomUUID(), deviceName: this.hostname }));
  }

  async setDeviceName(deviceName: string): Promise<DeviceIdentity> {
    const current = await this.device();
    return this.change((data) => (data.device = { ...current, deviceName }));
  }

  /** The kept session; opening it unlocks its user's database key. */
  session(): StoredSession | null {
    const session = this.data.session;
    const account = session ? this.data.accounts[session.userId] : undefined;
    if (!session || !account) return null;
    this.unlockedUserId = session.userId;
    return { serverUrl: account.serverUrl, token: session.token, expiresAt: session.expiresAt, user: account.user };
  }

  /** Where and with which token to reach the server, for main's own calls (transfers). */
  link(): { serverUrl: string; token: string } | null {
    const session = this.data.session;
    const account = session ? this.data.accounts[session.userId] : undefined;
    if (!session || !account || session.expiresAt <= Date.now()) return null;
    return { serverUrl: account.serverUrl, token: session.token };
  }

  async signedIn(input: {
    serverUrl: string;
    username: string;
    password: string;
    token: string;
    expiresAt: number;
    user: SessionUser;
  }): Promise<StoredSession> {
    const verifier = await makeVerifier(input.password, this.scryptN);
    await this.change((data) => {
      data.accounts[input.user.id] = {
        user: input.user,
        username: input.username,
        serverUrl: input.serverUrl,
        verifier,
        lastSignInAt: Date.now(),
      };
      data.keys[input.user.id] ??= randomBytes(32).toString('hex');
      data.session = { userId: input.user.id, token: input.token, expiresAt: input.expiresAt };
    });
    this.unlockedUserId = input.user.id;
    this.failures = 0;
    return { serverUrl: input.serverUrl, token: input.token, expiresAt: input.expiresAt, user: input.user };
  }

  async unlock(serverUrl: string, username: string, password: string): Promise<{ user: SessionUser; serverUrl: string }> {
    const wait = this.lockedUntil - Date.now();
    if (wait > 0) {
      throw new IpcFailure('refused', `too many wrong passwords: wait ${Math.ceil(wait / 1000)} s`, 'sync:errors.unlockThrottled');
    }
    const account = Object.values(this.data.accounts).find(
      (a) => sameName(a.username, username) && a.serverUrl === serverUrl,
    );
    if (!account) {
      throw new IpcFailure('not-found', 'this user has not signed in online on this laptop yet', 'sync:errors.noOfflineAccount');
    }
    if (!(await checkVerifier(password, account.verifier))) {
      this.failures++;
      if (this.failures >= 3) this.lockedUntil = Date.now() + Math.min(60_000, 1000 * 2 ** (this.failures - 3));
      throw new IpcFailure('refused', 'wrong user name or password', 'sync:errors.invalidCredentials');
    }
    this.failures = 0;
    this.unlockedUserId = account.user.id;
    return { user: account.user, serverUrl: account.serverUrl };
  }

  async signOut(): Promise<void> {
    this.unlockedUserId = null;
    if (this.data.session) await this.change((data) => void (data.session = null));
  }

  accounts(): KnownAccount[] {
    return Object.values(this.data.accounts)
      .map((a) => ({
        userId: a.user.id,
        username: a.username,
        displayName: a.user.displayName,
        serverUrl: a.serverUrl,
        lastSignInAt: a.lastSignInAt,
      }))
      .sort((a, b) => b.lastSignInAt - a.lastSignInAt);
  }

  /**
   * The secret automatic backups are encrypted with: the database key of whoever's data is
   * open (the local profile's while nobody is signed in). A backup holds the documents
   * decrypted, so without this it would undo the encryption at rest. Undefined only when the
   * OS offers no encryption, in which case the database has no key either.
   */
  async backupSecret(): Promise<string | undefined> {
    if (!this.available) return undefined;
    return this.databaseKey(this.unlockedUserId ?? LOCAL_PROFILE.id);
  }

  /** The local profile's key is always available: it works without any sign-in. */
  async databaseKey(userId: string): Promise<string> {
    if (userId !== LOCAL_PROFILE.id && userId !== this.unlockedUserId) {
      throw new IpcFailure('refused', 'sign in first: the key belongs to another user', 'sync:errors.locked');
    }
    const existing = this.data.keys[userId];
    if (existing) return existing;
    return this.change((data) => (data.keys[userId] ??= randomBytes(32).toString('hex')));
  }
}
