import type { AccessSubject } from '../../shared/access';
import {
  checkpointSchema,
  MAX_PRIOR_SCOPES,
  type SyncCheckpoint,
} from '../../shared/sync/protocol';
import type { AuthUser } from '../auth/tokens';
import { scopesOfUser } from '../auth/users';
import type { Queryable } from '../db/types';
import { ApiFailure } from '../errors';

/** Where a pull starts, and the scopes whose documents must be taken back. */
export interface PullStart {
  /** Whether the client sent a checkpoint (it has pulled this collection before). */
  resumed: boolean;
  fromSeq: number;
  priorIds: number[];
  prior: AccessSubject[];
}

export function parseCheckpoint(raw: string | undefined): SyncCheckpoint | undefined {
  if (raw === undefined || raw === '' || raw === 'null') return undefined;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    throw new ApiFailure(400, 'invalidCheckpoint', 'checkpoint is not JSON');
  }
  if (value === null) return undefined;
  const parsed = checkpointSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ApiFailure(
      400,
      'invalidCheckpoint',
      `checkpoint.${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`,
    );
  }
  return parsed.data;
}

/**
 * A checkpoint taken under the user's current scope continues where it stopped. One taken under
 * an older scope (the user's role or team changed) starts over from the beginning, with the
 * old scopes as `prior`: documents they could see and the current one cannot are sent back as
 * deleted, documents the new scope adds are sent. Only the user's own scopes count: a scope
 * of someone else (or unknown after a restore) is ignored, and the pull starts over.
 */
export async function resolveStart(
  db: Queryable,
  user: AuthUser,
  checkpoint: SyncCheckpoint | undefined,
): Promise<PullStart> {
  if (!checkpoint) return { resumed: false, fromSeq: 0, priorIds: [], prior: [] };
  const current = checkpoint.scope === user.scopeId;
  const named = [...(checkpoint.prior ?? []), ...(current ? [] : [checkpoint.scope])];
  const candidates = [...new Set(named)].filter((id) => id !== user.scopeId);
  const known = await scopesOfUser(db, user.userId, candidates);
  const priorIds = candidates.filter((id) => known.has(id)).slice(-MAX_PRIOR_SCOPES);
  const prior = priorIds
    .map((id) => known.get(id))
    .filter((s): s is AccessSubject => s !== undefined);
  return { resumed: true, fromSeq: current ? checkpoint.seq : 0, priorIds, prior };
}
