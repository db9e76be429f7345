import type { IpcResult } from '../../../../shared/ipc';
import { LOCAL_PROFILE, type SessionUser } from '../../../../shared/users';
import { invoke } from '../../platform/dangan';
import { login, normalizeServerUrl, SyncHttpError } from '../../sync/api';

/**
 * How this window runs:
 * - `local`: the local profile, no server (a fresh install starts here, so the app works before
 *   anyone configures a server);
 * - `server`: a user signed in to a sync server. `token` is null after an offline sign-in (the
 *   server could not be reached); the password is then held in memory only, to sign in online
 *   as soon as the server answers.
 */
export type AppSession =
  | { mode: 'local'; user: SessionUser }
  | { mode: 'server'; user: SessionUser; serverUrl: string; token: string | null; offlinePassword?: string; username: string };

/** Remembered across launches: whether this laptop works with a server or with the local profile. */
const BOOT_KEY = 'dangan.boot';
export type BootChoice = 'local' | 'server';

export function bootChoice(): BootChoice | null {
  const value = globalThis.localStorage?.getItem(BOOT_KEY);
  return value === 'local' || value === 'server' ? value : null;
}

export function rememberBootChoice(choice: BootChoice): void {
  globalThis.localStorage?.setItem(BOOT_KEY, choice);
}

/** A failure with an i18n key the sign-in screen shows. */
export class SessionError extends Error {
  constructor(
    readonly messageKey: string,
    message: string,
  ) {
    super(message);
    this.name = 'SessionError';
  }
}

export async function unwrap<T>(pending: Promise<IpcResult<T>>): Promise<T> {
  const result = await pending;
  if (!result.ok) {
    const key = result.error.messageKey?.startsWith('sync:') ? result.error.messageKey : 'sync:errors.failed';
    throw new SessionError(key, result.error.message);
  }
  return result.value;
}

/** At launch: the kept session, else the sign-in screen or the local profile, as chosen before. */
export async function restoreSession(): Promise<AppSession | 'signIn'> {
  const stored = await invoke('secure:session', {});
  if (stored.ok && stored.value) {
    const { user, serverUrl, token } = stored.value;
    return { mode: 'server', user, serverUrl, token, username: user.username };
  }
  if (bootChoice() === 'server') return 'signIn';
  return { mode: 'local', user: LOCAL_PROFILE };
}

export interface SignInInput {
  serverUrl: string;
  username: string;
  password: string;
  deviceName?: string;
}

/** Online sign-in: the token and a new offline verifier go to main's safeStorage. */
export async function signInOnline(input: SignInInput): Promise<AppSession> {
  const serverUrl = normalizeServerUrl(input.serverUrl);
  const device = input.deviceName
    ? await unwrap(invoke('secure:setDeviceName', { deviceName: input.deviceName }))
    : await unwrap(invoke('secure:device', {}));
  const response = await login(serverUrl, {
    username: input.username.trim(),
    password: input.password,
    deviceId: device.deviceId,
    deviceName: device.deviceName,
  });
  const stored = await unwrap(
    invoke('secure:signedIn', {
      serverUrl,
      username: input.username.trim(),
      password: input.password,
      token: response.token,
      expiresAt: response.expiresAt,
      user: response.user,
    }),
  );
  rememberBootChoice('server');
  return { mode: 'server', user: stored.user, serverUrl, token: stored.token, username: input.username.trim() };
}

/**
 * Signs in online, or — when the server cannot be reached — offline against the verifier of
 * an earlier online sign-in. Wrong passwords and refusals are never turned into offline use.
 */
export async function signIn(input: SignInInput): Promise<{ session: AppSession; offline: boolean }> {
  try {
    return { session: await signInOnline(input), offline: false };
  } catch (error) {
    if (!(error instanceof SyncHttpError) || !error.transient) throw error;
    const serverUrl = normalizeServerUrl(input.serverUrl);
    const unlocked = await unwrap(invoke('secure:unlock', { serverUrl, username: input.username, password: input.password }));
    rememberBootChoice('server');
    return {
      session: {
        mode: 'server',
        user: unlocked.user,
        serverUrl,
        token: null,
        offlinePassword: input.password,
        username: input.username.trim(),
      },
      offline: true,
    };
  }
}

/** i18n key for a sign-in failure. */
export function signInErrorKey(error: unknown): string {
  if (error instanceof SessionError) return error.messageKey;
  if (error instanceof SyncHttpError) return `sync:errors.${error.code}`;
  return 'sync:errors.failed';
}

export async function databaseKeyFor(user: SessionUser): Promise<string> {
  const { key } = await unwrap(invoke('secure:databaseKey', { userId: user.id }));
  return key;
}
