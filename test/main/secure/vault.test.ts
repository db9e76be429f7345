import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { secureHandlers } from '../../../src/main/secure/handlers';
import { SecureVault } from '../../../src/main/secure/vault';
import { dispatch } from '../../../src/main/ipc/dispatch';
import { LOCAL_PROFILE, type SessionUser } from '../../../src/shared/users';
import { AesSafeStorage } from './aes-safe-storage';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'dangan-vault-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const rep: SessionUser = { id: 'u-rep-1', username: 'wang', displayName: '王小明', role: 'rep', teamId: 't1' };
const SERVER = 'http://127.0.0.1:4010';
const CHEAP = { scryptN: 2 ** 10 };

async function signIn(vault: SecureVault, password = 'correct horse 1') {
  return vault.signedIn({ serverUrl: SERVER, username: 'Wang', password, token: 'tok-1', expiresAt: Date.now() + 3_600_000, user: rep });
}

describe('the secure vault', () => {
  it('keeps the session, keys and verifier encrypted: no secret appears in the file', async () => {
    const dir = tempDir();
    const safe = new AesSafeStorage();
    const vault = await SecureVault.open(dir, safe, CHEAP);
    await signIn(vault, 'correct horse 1');
    const key = await vault.databaseKey(rep.id);
    const raw = readFileSync(path.join(dir, 'secure', 'vault.bin'));
    for (const secret of ['tok-1', key, 'correct horse 1', 'wang', '王小明']) {
      expect(raw.includes(Buffer.from(secret))).toBe(false);
    }
    const again = await SecureVault.open(dir, safe, CHEAP);
    expect(again.session()).toMatchObject({ serverUrl: SERVER, token: 'tok-1', user: rep });
    expect(await again.databaseKey(rep.id)).toBe(key);
  });

  it('unlocks offline with the same password, refuses a wrong one and slows down guessing', async () => {
    const dir = tempDir();
    const safe = new AesSafeStorage();
    await signIn(await SecureVault.open(dir, safe, CHEAP), 'correct horse 1');
    const vault = await SecureVault.open(dir, safe, CHEAP);
    await vault.signOut();
    await expect(vault.databaseKey(rep.id)).rejects.toMatchObject({ code: 'refused' });
    await expect(vault.unlock(SERVER, 'wang', 'wrong')).rejects.toMatchObject({ messageKey: 'sync:errors.invalidCredentials' });
    await expect(vault.unlock(SERVER, 'nobody', 'x')).rejects.toMatchObject({ messageKey: 'sync:errors.noOfflineAccount' });
    expect(await vault.unlock(SERVER, ' WANG ', 'correct horse 1')).toEqual({ user: rep, serverUrl: SERVER });
    expect(await vault.databaseKey(rep.id)).toMatch(/^[0-9a-f]{64}$/);
    await vault.signOut();
    for (let i = 0; i < 3; i++) await vault.unlock(SERVER, 'wang', 'wrong').catch(() => undefined);
    await expect(vault.unlock(SERVER, 'wang', 'correct horse 1')).rejects.toMatchObject({ messageKey: 'sync:errors.unlockThrottled' });
  });

  it('signing out forgets the token but keeps the key, so the next sign-in opens the same data', async () => {
    const dir = tempDir();
    const vault = await SecureVault.open(dir, new AesSafeStorage(), CHEAP);
    await signIn(vault);
    const key = await vault.databaseKey(rep.id);
    await vault.signOut();
    expect(vault.session()).toBeNull();
    expect(vault.link()).toBeNull();
    await signIn(vault);
    expect(await vault.databaseKey(rep.id)).toBe(key);
    expect(vault.accounts()).toEqual([expect.objectContaining({ userId: rep.id, username: 'Wang', serverUrl: SERVER })]);
  });

  it("encrypts automatic backups with the open profile's database key", async () => {
    const vault = await SecureVault.open(tempDir(), new AesSafeStorage(), CHEAP);
    const local = await vault.backupSecret();
    expect(local).toBe(await vault.databaseKey(LOCAL_PROFILE.id));
    await signIn(vault);
    const user = await vault.backupSecret();
    expect(user).toBe(await vault.databaseKey(rep.id));
    expect(user).not.toBe(local);
    await vault.signOut();
    expect(await vault.backupSecret()).toBe(local);
  });

  it('sets a file another keychain cannot read aside instead of overwriting it', async () => {
    const dir = tempDir();
    await signIn(await SecureVault.open(dir, new AesSafeStorage(), CHEAP));
    const other = await SecureVault.open(dir, new AesSafeStorage(), CHEAP);
    expect(other.session()).toBeNull();
    expect(readdirSync(path.join(dir, 'secure')).some((f) => f.startsWith('vault.bin.unreadable-'))).toBe(true);
  });

  it('refuses to keep secrets when the OS offers no encryption, with a key the UI can word', async () => {
    const vault = await SecureVault.open(tempDir(), new AesSafeStorage(undefined, false), CHEAP);
    await expect(signIn(vault)).rejects.toMatchObject({ code: 'unavailable', messageKey: 'sync:errors.secureStorage' });
  });

  it('serves the IPC channels with validated arguments', async () => {
    const vault = await SecureVault.open(tempDir(), new AesSafeStorage(), CHEAP);
    const table = secureHandlers(vault);
    const ctx = { senderId: 1, emit: () => undefined };
    const device = await dispatch(table, 'secure:device', {}, ctx);
    expect(device).toMatchObject({ ok: true, value: { deviceId: expect.stringMatching(/^[0-9a-f-]{36}$/) } });
    const again = await dispatch(table, 'secure:device', {}, ctx);
    expect(again).toEqual(device);
    const bad = await dispatch(table, 'secure:unlock', { serverUrl: 'not a url', username: 'a', password: 'b' }, ctx);
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
    const local = await dispatch(table, 'secure:databaseKey', { userId: 'local' }, ctx);
    expect(local).toMatchObject({ ok: true, value: { key: expect.stringMatching(/^[0-9a-f]{64}$/) } });
  });
});
