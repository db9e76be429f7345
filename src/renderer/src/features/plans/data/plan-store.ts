import { newId } from '../../../../../shared/ids';
import type { PlanDoc } from '../../../../../shared/schema';
import type { SessionUser } from '../../../../../shared/users';
import { normalizePlan, periodRange, planFormOf, planFormSchema, VisitRuleError, type PlanForm } from '../../../../../shared/visits';
import type { DanganDatabase } from '../../../db/database';
import { runListQuery } from '../../../db/list-query';
import { plansOfOwnerYear } from '../plans.queries';

/** Visit plans: one per owner and period (the year, or one month of it). */

function validated(form: PlanForm): PlanForm {
  const parsed = planFormSchema.safeParse(normalizePlan(form));
  if (!parsed.success) {
    throw new VisitRuleError(
      'errors.planInvalid',
      parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })),
    );
  }
  return parsed.data;
}

async function existingPlan(db: DanganDatabase, ownerId: string, year: number, month: number) {
  const plans = await runListQuery(db, plansOfOwnerYear, { ownerId, year }).exec();
  return plans.find((p) => p.month === month) ?? null;
}

export async function createPlan(db: DanganDatabase, user: SessionUser, form: PlanForm): Promise<string> {
  const plan = validated(form);
  if (await existingPlan(db, user.id, plan.year, plan.month)) throw new VisitRuleError('errors.planExists');
  const now = Date.now();
  const id = newId(now);
  const doc: PlanDoc = {
    id,
    ownerId: user.id,
    teamId: user.teamId,
    ...plan,
    at: periodRange(plan.year, plan.month).start,
    atDesc: 0,
    createdAt: now,
    createdBy: user.id,
    updatedAt: now,
    updatedBy: user.id,
  };
  // An empty note is left out rather than stored as "".
  if (!plan.note) delete doc.note;
  await db.collections.plans.insert(doc);
  return id;
}

export async function savePlan(db: DanganDatabase, id: string, form: PlanForm): Promise<void> {
  const plan = validated(form);
  const doc = await db.collections.plans.findOne(id).exec();
  if (!doc) throw new VisitRuleError('errors.notFound');
  if (doc.year !== plan.year || doc.month !== plan.month || doc.period !== plan.period) {
    throw new VisitRuleError('errors.planPeriodFixed');
  }
  await doc.incrementalModify((data: PlanDoc) => {
    const next: PlanDoc = { ...data, title: plan.title, status: plan.status, targets: plan.targets };
    if (plan.note) next.note = plan.note;
    else delete next.note;
    return next;
  });
}

/** Adds customers to a plan (once each); returns how many were new. */
export async function addTargets(db: DanganDatabase, id: string, customerIds: readonly string[], defaults: { frequency: number }) {
  const doc = await db.collections.plans.findOne(id).exec();
  if (!doc) throw new VisitRuleError('errors.notFound');
  let added = 0;
  await doc.incrementalModify((data: PlanDoc) => {
    const known = new Set(data.targets.map((t) => t.customerId));
    const targets = [...data.targets];
    for (const customerId of customerIds) {
      if (!customerId || known.has(customerId)) continue;
      known.add(customerId);
      targets.push({ id: newId(), customerId, frequency: defaults.frequency, plannedDates: [] });
    }
    added = targets.length - data.targets.length;
    const checked = validated({ ...planFormOf(data), targets });
    return { ...data, targets: checked.targets };
  });
  return added;
}

export async function removePlan(db: DanganDatabase, id: string): Promise<void> {
  const doc = await db.collections.plans.findOne(id).exec();
  await doc?.incrementalRemove();
}
