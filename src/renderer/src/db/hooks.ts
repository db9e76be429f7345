import { useEffect, useState } from 'react';
import type { RxDocument, RxQuery } from 'rxdb';
import type { CollectionName } from '../../../shared/schema';
import type { ListQuery } from './list-query';
import { runListQuery } from './list-query';
import { useDatabase } from './provider';

export interface QueryState<T> {
  docs: T[];
  loading: boolean;
  error: Error | null;
}

/** Subscribes to an RxDB query; `deps` decide when the query is rebuilt. */
export function useRxQuery<T>(
  makeQuery: () => RxQuery<T, RxDocument<T>[]> | null,
  deps: readonly unknown[],
): QueryState<T> {
  const [state, setState] = useState<QueryState<T>>({ docs: [], loading: true, error: null });
  useEffect(() => {
    const query = makeQuery();
    if (!query) {
      setState({ docs: [], loading: false, error: null });
      return undefined;
    }
    setState((s) => ({ ...s, loading: true }));
    const sub = query.$.subscribe({
      next: (docs) => setState({ docs: docs.map((d) => d.toJSON() as T), loading: false, error: null }),
      error: (error: unknown) =>
        setState({ docs: [], loading: false, error: error instanceof Error ? error : new Error(String(error)) }),
    });
    return () => sub.unsubscribe();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);
  return state;
}

/** A registered list query, live. */
export function useListQuery<C extends CollectionName, P>(query: ListQuery<C, P>, params: P, deps: readonly unknown[]) {
  const db = useDatabase();
  return useRxQuery(() => runListQuery(db, query, params) as never, [db, ...deps]);
}
