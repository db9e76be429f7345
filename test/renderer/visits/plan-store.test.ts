import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DanganDatabase } from '../../../src/renderer/src/db/database';
import { runListQuery } from '../../../src/renderer/src/db/list-query';
import {
  addTargets,
  createPlan,
  removePlan,
  savePlan,
} from '../../../src/renderer/src/features/plans/data/plan-store';
import {
  plansOfOwnerYear,
  plansOfTeamYear,
} from '../../../src/renderer/src/features/plans/plans.queries';
import { planFormOf, type PlanForm } from '../../../src/shared/visits';
import { openMemoryDatabase } from '../db/memory-db';
import { manager, rep } from './fixtures';

const march: PlanForm = {
  period: 'month',
  year: 2026,
  month: 3,
  title: '2026年3月客户巡访计划',
  status: 'active',
  targets: [],
};

async function planOf(db: DanganDatabase, id: string) {
  const doc = await db.collections.plans.findOne(id).exec();
  if (!doc) throw new Error('no plan');
  return doc.toMutableJSON();
}

describe('visit plans', () => {
  let db: DanganDatabase;
  beforeEach(async () => {
    db = await openMemoryDatabase(rep.id);
  });
  afterEach(async () => {
    await db.close();
  });

  it('one plan per owner and period, starting at the period', async () => {
    const id = await createPlan(db, rep, march);
    const plan = await planOf(db, id);
    expect(plan).toMatchObject({
      ownerId: 'rep-1',
      teamId: 'team-a',
      period: 'month',
      year: 2026,
      month: 3,
      at: new Date(2026, 2, 1).getTime(),
    });
    await expect(createPlan(db, rep, { ...march, title: '重复' })).rejects.toMatchObject({
      key: 'errors.planExists',
    });
    await createPlan(db, rep, { ...march, period: 'year', month: 0, title: '2026年度' });
    await createPlan(db, manager, march);
    const mine = await runListQuery(db, plansOfOwnerYear, { ownerId: 'rep-1', year: 2026 }).exec();
    expect(mine.map((p) => p.month)).toEqual([0, 3]);
    const team = await runListQuery(db, plansOfTeamYear, { teamId: 'team-a', year: 2026 }).exec();
    expect(team).toHaveLength(3);
  });

  it('adds customers once each and keeps planned dates inside the period', async () => {
    const id = await createPlan(db, rep, march);
    expect(await addTargets(db, id, ['c1', 'c2', 'c1'], { frequency: 1 })).toBe(2);
    expect(await addTargets(db, id, ['c2'], { frequency: 1 })).toBe(0);
    const plan = await planOf(db, id);
    const form = planFormOf(plan);
    const t0 = form.targets[0]!;
    await savePlan(db, id, {
      ...form,
      targets: [
        { ...t0, plannedDates: ['2026-03-20', '2026-03-05'], purposes: ['collection'] },
        form.targets[1]!,
      ],
    });
    expect((await planOf(db, id)).targets[0]).toMatchObject({
      plannedDates: ['2026-03-05', '2026-03-20'],
      frequency: 2,
      purposes: ['collection'],
    });
    await expect(
      savePlan(db, id, { ...form, targets: [{ ...t0, plannedDates: ['2026-04-01'] }] }),
    ).rejects.toMatchObject({
      key: 'errors.planInvalid',
      problems: [{ path: 'targets.0.plannedDates.0', message: 'errors.dateOutsidePeriod' }],
    });
    await expect(savePlan(db, id, { ...form, month: 4 })).rejects.toMatchObject({
      key: 'errors.planPeriodFixed',
    });
    await removePlan(db, id);
    expect(await db.collections.plans.findOne(id).exec()).toBeNull();
  });
});
