import type { MangoQuery } from 'rxdb';
import type { CollectionName } from '../../../shared/schema';
import type { ListQuery } from './list-query';
import { plansOfOwnerYear, plansOfTeamYear } from '../features/plans/plans.queries';
import * as customers from '../features/customers/customers.queries';
import * as sync from '../features/sync/sync.queries';
import * as visits from '../features/visits/visits.queries';
import * as documents from '../features/documents/documents.queries';
import * as print from '../features/print/print.queries';

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
  register(documents.attachmentsOfCustomer),
  ...Object.values(print.ofCustomer).map((query) => register(query)),
  register(print.creditOfCustomer),
  register(print.retiredCustomers),
  register(customers.customersFirstPage),
  register(customers.customersChunk),
  register(customers.customersWithCode),
  register(customers.staffDirectory),
  register(visits.visitsOfCustomer),
  register(visits.visitsOfOwnerBetween),
  register(visits.visitsOfTeamInStatus),
  register(visits.requestsOfCustomer),
  register(visits.pendingRequests),
  register(visits.attachmentsOfRecord),
  register(visits.customersByCodePrefix),
  register(visits.customersByPinyinPrefix),
  register(plansOfOwnerYear),
  register(plansOfTeamYear),
  register(sync.inboxEntries),
  register(sync.attachmentsOfCustomer),
];
