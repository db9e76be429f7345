import type { MangoQuery } from 'rxdb';
import type { CollectionName, DocTypes } from '../../../shared/schema';
import type { DanganDatabase } from './database';

/**
 * A list the app shows. Every list query is declared with `defineListQuery` in a feature's
 * `*.queries.ts` file and registered in `list-queries.ts`; a test runs RxDB's query planner
 * over each with its sample parameters and fails unless the selector AND the sort are
 * answered by an index — so no list turns into a full scan at 100k documents. Lint forbids
 * `collection.find({...})` anywhere else in the renderer.
 */
export interface ListQuery<C extends CollectionName, P> {
  readonly name: string;
  readonly collection: C;
  readonly build: (params: P) => MangoQuery<DocTypes[C]>;
  /** Parameter sets that cover every branch of `build`, for the query-plan test. */
  readonly samples: readonly P[];
}

export function defineListQuery<C extends CollectionName, P>(query: ListQuery<C, P>): ListQuery<C, P> {
  return query;
}

export function runListQuery<C extends CollectionName, P>(
  db: DanganDatabase,
  query: ListQuery<C, P>,
  params: P,
) {
  return db.collections[query.collection].find(query.build(params));
}
