import { useMemo } from 'react';
import type { PlanDoc } from '../../../../shared/schema';
import { periodRange, planCoverage, type PlanCoverage } from '../../../../shared/visits';
import { useOwnerVisits } from '../visits/hooks';

/** A plan's progress against its owner's visits in the plan's period, live. */
export function usePlanCoverage(
  plan: PlanDoc,
  now = Date.now(),
): { coverage: PlanCoverage; visits: ReturnType<typeof useOwnerVisits>['docs'] } {
  const range = periodRange(plan.year, plan.month);
  const { docs } = useOwnerVisits(plan.ownerId, range.start, range.end);
  const day = Math.floor(now / 86_400_000);
  const coverage = useMemo(
    () => planCoverage(plan, docs, Date.now()),
    // Recomputed when the plan, its visits or the day change.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [plan, docs, day],
  );
  return { coverage, visits: docs };
}
