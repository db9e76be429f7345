import type { Queryable } from '../db/types';

export interface LoginLimits {
  windowMs: number;
  maxPerUser: number;
  maxPerAddress: number;
}

export type Admission =
  { allowed: true; attemptIds: number[] } | { allowed: false; retryAfterSeconds: number };

/**
 * Sign-in attempts are counted in the database, so every server instance sees the same count.
 * The attempt is recorded before it is judged: parallel guesses cannot all slip under the
 * limit by checking before any of them was counted. A successful sign-in takes its own
 * attempts back (see forgiveAttempts).
 */
export async function admitLogin(
  db: Queryable,
  username: string,
  address: string,
  limits: LoginLimits,
): Promise<Admission> {
  const userKey = `user:${username}`;
  const addressKey = `addr:${address}`;
  const windowSecs = limits.windowMs / 1000;
  await db.query(
    `DELETE FROM login_attempts WHERE key = ANY($1::text[]) AND at < now() - make_interval(secs => $2::float8)`,
    [[userKey, addressKey], windowSecs],
  );
  const inserted = await db.query<{ id: number }>(
    'INSERT INTO login_attempts (key) SELECT unnest($1::text[]) RETURNING id',
    [[userKey, addressKey]],
  );
  const counts = await db.query<{ key: string; n: number; wait: number }>(
    `SELECT key, count(*)::int AS n,
            greatest(1, ceil(extract(epoch FROM min(at) + make_interval(secs => $2::float8) - now())))::int AS wait
       FROM login_attempts
      WHERE key = ANY($1::text[]) AND at >= now() - make_interval(secs => $2::float8)
      GROUP BY key`,
    [[userKey, addressKey], windowSecs],
  );
  for (const row of counts) {
    const max = row.key === userKey ? limits.maxPerUser : limits.maxPerAddress;
    if (row.n > max) return { allowed: false, retryAfterSeconds: row.wait };
  }
  return { allowed: true, attemptIds: inserted.map((r) => r.id) };
}

/** After a successful sign-in: this attempt and the user's earlier failures no longer count. */
export async function forgiveAttempts(
  db: Queryable,
  username: string,
  attemptIds: readonly number[],
): Promise<void> {
  await db.query('DELETE FROM login_attempts WHERE id = ANY($1::bigint[]) OR key = $2', [
    attemptIds,
    `user:${username}`,
  ]);
}

/** Old attempts are dead weight; swept at start-up. */
export async function sweepAttempts(db: Queryable, windowMs: number): Promise<void> {
  await db.query(
    'DELETE FROM login_attempts WHERE at < now() - make_interval(secs => $1::float8)',
    [windowMs / 1000],
  );
}
