import { randomUUID } from 'node:crypto';
import type { AccessSubject } from '../../shared/access';
import { ROLES, type Role } from '../../shared/users';
import type { Database, Queryable } from '../db/types';
import { hashPassword, passwordProblem } from './passwords';

export interface UserRecord {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  /** '' when the user belongs to no team. */
  teamId: string;
  disabled: boolean;
  /** The user's current access scope (see user_scopes). */
  scopeId: number;
}

export class UserError extends Error {
  override name = 'UserError';
}

interface UserRow {
  id: string;
  username: string;
  display_name: string;
  role: string;
  team_id: string;
  disabled: boolean;
  scope_id: number;
}

const USERNAME = /^[a-z0-9][a-z0-9._-]{0,63}$/;
const TEAM_ID = /^[A-Za-z0-9._-]{0,40}$/;

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

export function normalizeUsername(username: string): string {
  return username.trim().toLowerCase();
}

function toRecord(row: UserRow): UserRecord {
  if (!isRole(row.role))
    throw new UserError(`user ${row.username} has an unknown role ${row.role}`);
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    teamId: row.team_id,
    disabled: row.disabled,
    scopeId: row.scope_id,
  };
}

const USER_COLUMNS = 'id, username, display_name, role, team_id, disabled, scope_id';

/** Tells every server instance that a user's access changed (streams re-check or close). */
export async function notifyUserChanged(
  db: Database,
  tx: Queryable,
  userId: string,
): Promise<void> {
  await db.notify(tx, JSON.stringify({ u: userId }));
}

export interface NewUser {
  username: string;
  role: Role;
  teamId?: string;
  displayName?: string;
  password: string;
}

export async function createUser(
  db: Database,
  input: NewUser,
  scryptCost: number,
): Promise<UserRecord> {
  const username = normalizeUsername(input.username);
  if (!USERNAME.test(username)) {
    throw new UserError(
      `invalid user name "${input.username}": letters, digits, . _ - (at most 64)`,
    );
  }
  const teamId = input.teamId ?? '';
  if (!TEAM_ID.test(teamId)) throw new UserError(`invalid team id "${teamId}"`);
  const problem = passwordProblem(input.password);
  if (problem) throw new UserError(problem);
  const hash = await hashPassword(input.password, scryptCost);
  return db.transaction((tx) =>
    insertUser(
      tx,
      { username, role: input.role, teamId, displayName: input.displayName ?? username },
      hash,
    ),
  );
}

/** Inserts a user (name already checked) with its first scope; refuses a taken name. */
export async function insertUser(
  tx: Queryable,
  user: { username: string; role: Role; teamId: string; displayName: string },
  passwordHash: string,
): Promise<UserRecord> {
  const existing = await tx.query('SELECT 1 FROM users WHERE username = $1', [user.username]);
  if (existing.length > 0) throw new UserError(`user ${user.username} already exists`);
  const id = randomUUID();
  await tx.query(
    'INSERT INTO users (id, username, display_name, password_hash, role, team_id) VALUES ($1, $2, $3, $4, $5, $6)',
    [id, user.username, user.displayName, passwordHash, user.role, user.teamId],
  );
  await newScope(tx, id, user.role, user.teamId);
  const rows = await tx.query<UserRow>(`SELECT ${USER_COLUMNS} FROM users WHERE id = $1`, [id]);
  return toRecord(rows[0] as UserRow);
}

async function newScope(tx: Queryable, userId: string, role: Role, teamId: string): Promise<void> {
  await tx.query(
    `WITH s AS (INSERT INTO user_scopes (user_id, role, team_id) VALUES ($1, $2, $3) RETURNING id)
     UPDATE users SET scope_id = (SELECT id FROM s), updated_at = now() WHERE id = $1`,
    [userId, role, teamId],
  );
}

export async function findUser(db: Queryable, username: string): Promise<UserRecord | null> {
  const rows = await db.query<UserRow>(`SELECT ${USER_COLUMNS} FROM users WHERE username = $1`, [
    normalizeUsername(username),
  ]);
  return rows[0] ? toRecord(rows[0]) : null;
}

async function requireUser(db: Queryable, username: string): Promise<UserRecord> {
  const user = await findUser(db, username);
  if (!user) throw new UserError(`no user named ${normalizeUsername(username)}`);
  return user;
}

export async function listUsers(db: Queryable): Promise<UserRecord[]> {
  const rows = await db.query<UserRow>(`SELECT ${USER_COLUMNS} FROM users ORDER BY username`);
  return rows.map(toRecord);
}

export interface UserChanges {
  role?: Role;
  teamId?: string;
  displayName?: string;
}

/** A new role or team is a new access scope: the user's laptops reconcile at their next pull. */
export async function updateUser(
  db: Database,
  username: string,
  changes: UserChanges,
): Promise<UserRecord> {
  if (changes.teamId !== undefined && !TEAM_ID.test(changes.teamId)) {
    throw new UserError(`invalid team id "${changes.teamId}"`);
  }
  return db.transaction(async (tx) => {
    const user = await requireUser(tx, username);
    const role = changes.role ?? user.role;
    const teamId = changes.teamId ?? user.teamId;
    if (changes.displayName !== undefined) {
      await tx.query('UPDATE users SET display_name = $2, updated_at = now() WHERE id = $1', [
        user.id,
        changes.displayName,
      ]);
    }
    if (role !== user.role || teamId !== user.teamId) {
      await tx.query('UPDATE users SET role = $2, team_id = $3 WHERE id = $1', [
        user.id,
        role,
        teamId,
      ]);
      await newScope(tx, user.id, role, teamId);
      await notifyUserChanged(db, tx, user.id);
    }
    return requireUser(tx, username);
  });
}

/** A new password signs the user out everywhere. */
export async function setPassword(
  db: Database,
  username: string,
  password: string,
  scryptCost: number,
): Promise<void> {
  const problem = passwordProblem(password);
  if (problem) throw new UserError(problem);
  const hash = await hashPassword(password, scryptCost);
  await db.transaction(async (tx) => {
    const user = await requireUser(tx, username);
    await tx.query('UPDATE users SET password_hash = $2, updated_at = now() WHERE id = $1', [
      user.id,
      hash,
    ]);
    await tx.query(
      'UPDATE tokens SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL',
      [user.id],
    );
    await notifyUserChanged(db, tx, user.id);
  });
}

/** Disabling signs the user out everywhere and refuses new sign-ins. */
export async function setDisabled(
  db: Database,
  username: string,
  disabled: boolean,
): Promise<void> {
  await db.transaction(async (tx) => {
    const user = await requireUser(tx, username);
    await tx.query('UPDATE users SET disabled = $2, updated_at = now() WHERE id = $1', [
      user.id,
      disabled,
    ]);
    if (disabled) {
      await tx.query(
        'UPDATE tokens SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL',
        [user.id],
      );
    }
    await notifyUserChanged(db, tx, user.id);
  });
}

/** A scope a checkpoint names, if it belongs to this user. */
export async function scopesOfUser(
  db: Queryable,
  userId: string,
  ids: readonly number[],
): Promise<Map<number, AccessSubject>> {
  if (ids.length === 0) return new Map();
  const rows = await db.query<{ id: number; role: string; team_id: string }>(
    'SELECT id, role, team_id FROM user_scopes WHERE user_id = $1 AND id = ANY($2::bigint[])',
    [userId, ids],
  );
  const scopes = new Map<number, AccessSubject>();
  for (const row of rows) {
    if (isRole(row.role)) scopes.set(row.id, { userId, role: row.role, teamId: row.team_id });
  }
  return scopes;
}
