import type { MangoQuery } from 'rxdb';
import type { CollectionName } from '../../../shared/schema';
import type { ListQuery } from './list-query';
import { PLAN_LIST_QUERIES } from '../features/plans/plans.queries';
import { VISIT_LIST_QUERIES } from '../features/visits/visits.queries';

/** A registered list query with its sample queries built, for the query-plan test. */
export interface RegisteredListQuery {
  name: string;
  collection: CollectionName;
  sampleQueries(): MangoQuery<unknown>[];
}

function register<C extends CollectionName, P>(query: ListQuery<C, P>): RegisteredListQuery {
  return {
    name: query.name,
    collection: query.collection,
    sampleQueries: () => query.samples.map((params) => query.build(params) as MangoQuery<unknown>),
  };
}

/**
 * Every list query the app runs. A feature adds its `*.queries.ts` definitions here;
 * test/renderer/db/list-queries.test.ts proves each is answered by an index.
 */
export const LIST_QUERIES: RegisteredListQuery[] = [
  ...VISIT_LIST_QUERIES.map(register),
  ...PLAN_LIST_QUERIES.map(register),
];
