import type { LocalDoc } from '../../../../shared/schema';
import { useRxQuery, type QueryState } from '../../db/hooks';
import { runListQuery } from '../../db/list-query';
import { useDatabase } from '../../db/provider';
import { inboxEntries } from './sync.queries';

/** The live conflict inbox (or refused writes) of one user, newest first. */
export function useInbox(kind: 'conflict' | 'rejected', userId: string, limit: number): QueryState<LocalDoc> {
  const db = useDatabase();
  return useRxQuery<LocalDoc>(() => runListQuery(db, inboxEntries, { kind, userId, limit }), [db, kind, userId, limit]);
}
