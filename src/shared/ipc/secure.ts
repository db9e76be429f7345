import { z } from 'zod';
import { ROLES, type SessionUser } from '../users';
import { channel } from './define';

/**
 * Secrets kept by main with the operating system's keychain (Electron safeStorage): the sync
 * session token, each user's key for the locally encrypted fields, and the offline sign-in
 * verifier (a scrypt hash of the password with its own salt — never the password).
 */

export interface DeviceIdentity {
  /** Made once per installation; every token the server issues is bound to it. */
  deviceId: string;
  deviceName: string;
}

export interface StoredSession {
  serverUrl: string;
  token: string;
  /** Epoch milliseconds. */
  expiresAt: number;
  user: SessionUser;
}

/** Someone who signed in on this laptop before: offered on the sign-in screen. */
export interface KnownAccount {
  userId: string;
  username: string;
  displayName: string;
  serverUrl: string;
  lastSignInAt: number;
}

export const sessionUserSchema = z
  .object({
    id: z.string().min(1).max(40),
    username: z.string().min(1).max(64),
    displayName: z.string().max(100),
    role: z.enum(ROLES),
    teamId: z.string().max(40),
  })
  .strict();

const serverUrlSchema = z.string().url().max(500);
const usernameSchema = z.string().trim().min(1).max(64);
const passwordSchema = z.string().min(1).max(256);
const userIdSchema = z.string().min(1).max(40);

export const secureChannels = {
  /** Whether secrets can be kept encrypted on this machine. */
  'secure:status': channel(z.object({}).strict()).returns<{ available: boolean }>(),
  'secure:device': channel(z.object({}).strict()).returns<DeviceIdentity>(),
  'secure:setDeviceName': channel(z.object({ deviceName: z.string().trim().min(1).max(100) }).strict()).returns<DeviceIdentity>(),
  /** The session kept from the last online sign-in, if it was not signed out. */
  'secure:session': channel(z.object({}).strict()).returns<StoredSession | null>(),
  /** After an online sign-in: keeps the token and (re)makes the offline verifier. */
  'secure:signedIn': channel(
    z
      .object({
        serverUrl: serverUrlSchema,
        username: usernameSchema,
        password: passwordSchema,
        token: z.string().min(1).max(4096),
        expiresAt: z.number().int().min(0),
        user: sessionUserSchema,
      })
      .strict(),
  ).returns<StoredSession>(),
  /** Offline sign-in: checks the password against the verifier of an earlier online sign-in. */
  'secure:unlock': channel(
    z.object({ serverUrl: serverUrlSchema, username: usernameSchema, password: passwordSchema }).strict(),
  ).returns<{ user: SessionUser; serverUrl: string }>(),
  /** Forgets the token; the user's key, verifier and database stay for their next sign-in. */
  'secure:signOut': channel(z.object({}).strict()).returns<{ signedOut: boolean }>(),
  'secure:accounts': channel(z.object({}).strict()).returns<KnownAccount[]>(),
  /** The key of a user's local database; only for the user signed in or unlocked now. */
  'secure:databaseKey': channel(z.object({ userId: userIdSchema }).strict()).returns<{ key: string }>(),
};
