import { useEffect, useState } from 'react';
import type { RxCollection } from 'rxdb';
import type { CollectionName, DocTypes } from '../../../../shared/schema';
import type { ListQuery } from '../../db/list-query';
import { useDatabase } from '../../db/provider';

export interface LiveList<T> {
  docs: T[];
  loading: boolean;
  error: Error | null;
}

/** A registered list query, live and typed by its collection; `null` params mean "no list". */
export function useLiveList<C extends CollectionName, P>(
  query: ListQuery<C, P>,
  params: P | null,
  deps: readonly unknown[],
): LiveList<DocTypes[C]> {
  const db = useDatabase();
  const [state, setState] = useState<LiveList<DocTypes[C]>>({
    docs: [],
    loading: true,
    error: null,
  });
  useEffect(() => {
    if (params === null) {
      setState({ docs: [], loading: false, error: null });
      return undefined;
    }
    const collection: RxCollection<DocTypes[C]> = db.collections[query.collection];
    const sub = collection.find(query.build(params)).$.subscribe({
      next: (docs) =>
        setState({ docs: docs.map((d) => d.toMutableJSON()), loading: false, error: null }),
      error: (error: unknown) =>
        setState({
          docs: [],
          loading: false,
          error: error instanceof Error ? error : new Error(String(error)),
        }),
    });
    return () => sub.unsubscribe();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [db, query, ...deps]);
  return state;
}
