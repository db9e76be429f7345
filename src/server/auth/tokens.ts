import { createHash, randomBytes } from 'node:crypto';
import type { AccessSubject } from '../../shared/access';
import { ROLES, type Role } from '../../shared/users';
import type { Database, Queryable, Statement } from '../db/types';
import { isRole, notifyUserChanged } from './users';

/** The signed-in user of a request: who, with which access, from which device. */
export interface AuthUser extends AccessSubject {
  username: string;
  displayName: string;
  role: Role;
  scopeId: number;
  deviceId: string;
  tokenHash: string;
  /** Epoch milliseconds. */
  expiresAt: number;
}

export type AuthFailure =
  'unauthorized' | 'tokenExpired' | 'tokenRevoked' | 'userDisabled' | 'deviceRevoked';
export type AuthResult = { ok: true; user: AuthUser } | { ok: false; code: AuthFailure };

const TOKEN_PREFIX = 'dgn_';
const TOKEN_SHAPE = /^dgn_[A-Za-z0-9_-]{43}$/;
/** last_used_at is refreshed at most this often, so reads do not each cost a write. */
const TOUCH_EVERY_MS = 60_000;

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export const DEVICE_ID = /^[A-Za-z0-9_-]{8,64}$/;

/** Registers the device (or refreshes it) and hands out a token bound to it. */
export async function issueToken(
  tx: Queryable,
  input: { userId: string; deviceId: string; deviceName: string; ttlMs: number },
): Promise<{ token: string; expiresAt: number }> {
  await tx.query(
    `INSERT INTO devices (id, name, last_user_id) VALUES ($1, $2, $3)
     ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, last_user_id = EXCLUDED.last_user_id, last_seen_at = now()`,
    [input.deviceId, input.deviceName, input.userId],
  );
  const token = TOKEN_PREFIX + randomBytes(32).toString('base64url');
  const rows = await tx.query<{ expires_at: Date }>(
    `INSERT INTO tokens (hash, user_id, device_id, expires_at)
     VALUES ($1, $2, $3, now() + make_interval(secs => $4::float8 / 1000)) RETURNING expires_at`,
    [hashToken(token), input.userId, input.deviceId, input.ttlMs],
  );
  return { token, expiresAt: (rows[0] as { expires_at: Date }).expires_at.getTime() };
}

interface TokenRow {
  user_id: string;
  device_id: string;
  expires_at: Date;
  expired: boolean;
  revoked: boolean;
  touch_due: boolean;
  username: string;
  display_name: string;
  role: string;
  team_id: string;
  disabled: boolean;
  scope_id: number;
  device_revoked: boolean;
}

/** Checks a bearer token against the database on every call: revocation takes effect at once. */
export async function authenticate(db: Queryable, token: string | undefined): Promise<AuthResult> {
  const hash = tokenHashOf(token);
  if (!hash) return { ok: false, code: 'unauthorized' };
  return authenticateHash(db, hash);
}

/** The hash a token is stored under; null for what cannot be one of ours. */
export function tokenHashOf(token: string | undefined): string | null {
  return token && TOKEN_SHAPE.test(token) ? hashToken(token) : null;
}

/** The same check for a token known by its hash (a live stream re-checking its session). */
export async function authenticateHash(db: Queryable, hash: string): Promise<AuthResult> {
  const statement = sessionStatement(hash);
  const result = sessionResult(hash, await db.query(statement.sql, statement.params));
  if (result.ok && result.touchDue) await touchSession(db, hash, result.user.deviceId);
  return result;
}

/** The statement reading a session, for a caller that sends it along with others (a push). */
export function sessionStatement(hash: string): Statement {
  return {
    sql: `SELECT t.user_id, t.device_id, t.expires_at,
            t.expires_at <= now() AS expired,
            t.revoked_at IS NOT NULL AS revoked,
            t.last_used_at < now() - make_interval(secs => $2::float8 / 1000) AS touch_due,
            u.username, u.display_name, u.role, u.team_id, u.disabled, u.scope_id,
            d.revoked_at IS NOT NULL AS device_revoked
       FROM tokens t JOIN users u ON u.id = t.user_id JOIN devices d ON d.id = t.device_id
      WHERE t.hash = $1`,
    params: [hash, TOUCH_EVERY_MS],
    // By primary key and two joins on primary keys, whatever the hash: no need to plan each call.
    reusePlan: true,
  };
}

/**
 * True in SQL exactly when sessionResult would say ok for the session `hashParam` names: for a
 * statement that must do nothing (take no lock) for a request that is not signed in.
 */
export function sessionUsableSql(hashParam: string): string {
  return `EXISTS (SELECT 1 FROM tokens t JOIN users u ON u.id = t.user_id JOIN devices d ON d.id = t.device_id
          WHERE t.hash = ${hashParam} AND t.revoked_at IS NULL AND t.expires_at > now()
            AND NOT u.disabled AND d.revoked_at IS NULL AND u.role = ANY(${ROLES_SQL}))`;
}

const ROLES_SQL = `ARRAY[${ROLES.map((r) => `'${r}'`).join(', ')}]`;

/** What sessionStatement's rows say; `touchDue`: last_used_at should be refreshed (touchSession). */
export function sessionResult(
  hash: string,
  rows: readonly Record<string, unknown>[],
): (AuthResult & { ok: false }) | { ok: true; user: AuthUser; touchDue: boolean } {
  const row = rows[0] as TokenRow | undefined;
  if (!row || !isRole(row.role)) return { ok: false, code: 'unauthorized' };
  // A revoked device also has its tokens revoked: name the cause, so the laptop can say why.
  if (row.device_revoked) return { ok: false, code: 'deviceRevoked' };
  if (row.revoked) return { ok: false, code: 'tokenRevoked' };
  if (row.disabled) return { ok: false, code: 'userDisabled' };
  if (row.expired) return { ok: false, code: 'tokenExpired' };
  return {
    ok: true,
    touchDue: row.touch_due,
    user: {
      userId: row.user_id,
      username: row.username,
      displayName: row.display_name,
      role: row.role,
      teamId: row.team_id,
      scopeId: row.scope_id,
      deviceId: row.device_id,
      tokenHash: hash,
      expiresAt: row.expires_at.getTime(),
    },
  };
}

export async function touchSession(db: Queryable, hash: string, deviceId: string): Promise<void> {
  await db.query('UPDATE tokens SET last_used_at = now() WHERE hash = $1', [hash]);
  await db.query('UPDATE devices SET last_seen_at = now() WHERE id = $1', [deviceId]);
}

export async function revokeToken(db: Database, user: AuthUser): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.query('UPDATE tokens SET revoked_at = now() WHERE hash = $1 AND revoked_at IS NULL', [
      user.tokenHash,
    ]);
    await notifyUserChanged(db, tx, user.userId);
  });
}

export interface DeviceRecord {
  id: string;
  name: string;
  lastUser: string | null;
  lastSeenAt: Date;
  revoked: boolean;
  activeTokens: number;
}

export async function listDevices(db: Queryable): Promise<DeviceRecord[]> {
  const rows = await db.query<{
    id: string;
    name: string;
    username: string | null;
    last_seen_at: Date;
    revoked: boolean;
    active: number;
  }>(
    `SELECT d.id, d.name, u.username, d.last_seen_at, d.revoked_at IS NOT NULL AS revoked,
            (SELECT count(*)::int FROM tokens t
              WHERE t.device_id = d.id AND t.revoked_at IS NULL AND t.expires_at > now()) AS active
       FROM devices d LEFT JOIN users u ON u.id = d.last_user_id
      ORDER BY d.last_seen_at DESC`,
  );
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    lastUser: r.username,
    lastSeenAt: r.last_seen_at,
    revoked: r.revoked,
    activeTokens: r.active,
  }));
}

/** A lost laptop: its tokens stop working at once and it cannot sign in again until restored. */
export async function setDeviceRevoked(
  db: Database,
  deviceId: string,
  revoked: boolean,
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const found = await tx.query<{ id: string }>(
      `UPDATE devices SET revoked_at = CASE WHEN $2 THEN now() ELSE NULL END WHERE id = $1 RETURNING id`,
      [deviceId, revoked],
    );
    if (found.length === 0) return false;
    if (revoked) {
      const users = await tx.query<{ user_id: string }>(
        'UPDATE tokens SET revoked_at = now() WHERE device_id = $1 AND revoked_at IS NULL RETURNING user_id',
        [deviceId],
      );
      for (const userId of new Set(users.map((u) => u.user_id)))
        await notifyUserChanged(db, tx, userId);
    }
    return true;
  });
}
