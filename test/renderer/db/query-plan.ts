import type { MangoQuery, RxCollection } from 'rxdb';

export interface PlanVerdict {
  index: string[];
  selectorSatisfiedByIndex: boolean;
  sortSatisfiedByIndex: boolean;
}

/** Asks RxDB's own planner (the one Dexie storage uses) how it would run a query. */
export function planOf<T>(collection: RxCollection<T>, query: MangoQuery<T>): PlanVerdict {
  const prepared = collection.find(query).getPreparedQuery() as unknown as {
    queryPlan: PlanVerdict;
  };
  return prepared.queryPlan;
}
