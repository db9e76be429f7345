import type { MangoQuery } from 'rxdb';
import type { PlanDoc } from '../../../../shared/schema';
import { defineListQuery } from '../../db/list-query';

/** A user's plans of one year: the annual plan (month 0) then the monthly ones. */
export const plansOfOwnerYear = defineListQuery({
  name: 'plans.ofOwnerYear',
  collection: 'plans',
  build: ({ ownerId, year }: { ownerId: string; year: number }): MangoQuery<PlanDoc> => ({
    selector: { ownerId, year, month: { $gte: 0 } },
    sort: [{ ownerId: 'asc' }, { year: 'asc' }, { month: 'asc' }],
  }),
  samples: [{ ownerId: 'u1', year: 2026 }],
});

/** A team's plans of one year, for its manager. */
export const plansOfTeamYear = defineListQuery({
  name: 'plans.ofTeamYear',
  collection: 'plans',
  build: ({ teamId, year }: { teamId: string; year: number }): MangoQuery<PlanDoc> => ({
    selector: { teamId, year, month: { $gte: 0 } },
    sort: [{ teamId: 'asc' }, { year: 'asc' }, { month: 'asc' }],
  }),
  samples: [{ teamId: 't1', year: 2026 }],
});
