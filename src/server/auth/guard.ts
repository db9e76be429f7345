import type { FastifyRequest } from 'fastify';
import type { Queryable } from '../db/types';
import { ApiFailure } from '../errors';
import { authenticate, type AuthFailure, type AuthUser } from './tokens';

const MESSAGES: Record<AuthFailure, string> = {
  unauthorized: 'sign in first: send Authorization: Bearer <token>',
  tokenExpired: 'the session has expired: sign in again',
  tokenRevoked:
    'the session was ended (signed out, password reset or device revoked): sign in again',
  userDisabled: 'this user is disabled',
  deviceRevoked: 'this device was revoked by an administrator',
};

export function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (!header) return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1];
}

/** The signed-in user of a request, or a 401 that says why not. */
export async function requireUser(db: Queryable, request: FastifyRequest): Promise<AuthUser> {
  const result = await authenticate(db, bearerToken(request));
  if (!result.ok) throw authFailure(result.code);
  return result.user;
}

/** The 401 for a request whose session is not usable, saying why. */
export function authFailure(code: AuthFailure): ApiFailure {
  return new ApiFailure(401, code, MESSAGES[code]);
}
