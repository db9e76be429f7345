import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { LoginResponse } from '../../shared/sync/protocol';
import type { SessionUser } from '../../shared/users';
import type { ServerConfig } from '../config';
import type { Database } from '../db/types';
import { ApiFailure } from '../errors';
import { requireUser } from './guard';
import { hashPassword, MAX_PASSWORD_LENGTH, verifyPassword } from './passwords';
import { admitLogin, forgiveAttempts } from './rate-limit';
import { DEVICE_ID, issueToken, revokeToken, type AuthUser } from './tokens';
import { isRole, normalizeUsername } from './users';

const loginSchema = z
  .object({
    username: z.string().min(1).max(64),
    password: z.string().min(1).max(MAX_PASSWORD_LENGTH),
    deviceId: z.string().regex(DEVICE_ID, '8 to 64 letters, digits, _ or -'),
    deviceName: z.string().max(100).default(''),
  })
  .strict();

interface LoginRow {
  id: string;
  username: string;
  display_name: string;
  password_hash: string;
  role: string;
  team_id: string;
  disabled: boolean;
}

export function sessionUserOf(user: AuthUser): SessionUser {
  return {
    id: user.userId,
    username: user.username,
    displayName: user.displayName,
    role: user.role,
    teamId: user.teamId,
  };
}

export function registerAuthRoutes(app: FastifyInstance, db: Database, config: ServerConfig): void {
  // Unknown users cost a hash too, so timing does not tell which names exist.
  let decoy: Promise<string> | undefined;
  const decoyHash = () =>
    (decoy ??= hashPassword('decoy password, never valid', config.scryptCost));

  app.post('/api/auth/login', { bodyLimit: 16 * 1024 }, async (request, reply) => {
    const parsed = loginSchema.safeParse(request.body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new ApiFailure(
        400,
        'badRequest',
        `${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'}`,
      );
    }
    const input = parsed.data;
    const username = normalizeUsername(input.username);
    const admission = await admitLogin(db, username, request.ip, {
      windowMs: config.loginWindowMs,
      maxPerUser: config.loginMaxPerUser,
      maxPerAddress: config.loginMaxPerAddress,
    });
    if (!admission.allowed) {
      throw new ApiFailure(429, 'rateLimited', 'too many sign-in attempts: wait and try again', {
        retryAfterSeconds: admission.retryAfterSeconds,
      });
    }
    const rows = await db.query<LoginRow>(
      'SELECT id, username, display_name, password_hash, role, team_id, disabled FROM users WHERE username = $1',
      [username],
    );
    const row = rows[0];
    const valid = await verifyPassword(input.password, row?.password_hash ?? (await decoyHash()));
    if (!row || !valid || !isRole(row.role)) {
      throw new ApiFailure(401, 'invalidCredentials', 'wrong user name or password');
    }
    if (row.disabled) throw new ApiFailure(403, 'userDisabled', 'this user is disabled');
    const device = await db.query<{ revoked: boolean }>(
      'SELECT revoked_at IS NOT NULL AS revoked FROM devices WHERE id = $1',
      [input.deviceId],
    );
    if (device[0]?.revoked)
      throw new ApiFailure(403, 'deviceRevoked', 'this device was revoked by an administrator');
    await forgiveAttempts(db, username, admission.attemptIds);
    const issued = await db.transaction((tx) =>
      issueToken(tx, {
        userId: row.id,
        deviceId: input.deviceId,
        deviceName: input.deviceName,
        ttlMs: config.tokenTtlMs,
      }),
    );
    const response: LoginResponse = {
      token: issued.token,
      expiresAt: issued.expiresAt,
      user: {
        id: row.id,
        username: row.username,
        displayName: row.display_name,
        role: row.role,
        teamId: row.team_id,
      },
    };
    return reply.status(200).send(response);
  });

  app.post('/api/auth/logout', async (request, reply) => {
    const user = await requireUser(db, request);
    await revokeToken(db, user);
    return reply.status(204).send();
  });

  app.get('/api/auth/me', async (request) => {
    const user = await requireUser(db, request);
    return { user: sessionUserOf(user), deviceId: user.deviceId, expiresAt: user.expiresAt };
  });
}
