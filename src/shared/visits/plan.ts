import { z } from 'zod';
import { PLAN_PERIODS, PLAN_STATUSES, type PlanDoc } from '../schema/plans';
import { VISIT_PURPOSES } from '../schema/visits';
import { inRange, parseLocalDate, periodRange } from './dates';

/**
 * A visit plan as the rep edits it: the period (a year, or one month of it), and per customer
 * how often and on which dates. Messages are i18n keys in the `visits` namespace.
 */

const targetSchema = z.object({
  id: z.string().min(1).max(40),
  customerId: z.string().min(1, 'errors.customerRequired').max(40),
  frequency: z
    .number()
    .int('errors.frequencyWhole')
    .min(0, 'errors.frequencyRange')
    .max(366, 'errors.frequencyRange'),
  plannedDates: z.array(z.string()).max(366),
  purposes: z.array(z.enum(VISIT_PURPOSES)).max(10).optional(),
  purpose: z.string().max(500, 'errors.tooLong').optional(),
});

export const planFormSchema = z
  .object({
    period: z.enum(PLAN_PERIODS),
    year: z.number().int().min(2000, 'errors.yearRange').max(2200, 'errors.yearRange'),
    month: z.number().int().min(0).max(12),
    title: z.string().trim().min(1, 'errors.titleRequired').max(200, 'errors.tooLong'),
    status: z.enum(PLAN_STATUSES),
    note: z.string().max(20_000, 'errors.tooLong').optional(),
    targets: z.array(targetSchema).max(2000, 'errors.tooManyTargets'),
  })
  .superRefine((plan, ctx) => {
    if (plan.period === 'month' && plan.month === 0) {
      ctx.addIssue({ code: 'custom', path: ['month'], message: 'errors.monthRequired' });
    }
    if (plan.period === 'year' && plan.month !== 0) {
      ctx.addIssue({ code: 'custom', path: ['month'], message: 'errors.yearPlanHasNoMonth' });
    }
    const range = periodRange(plan.year, plan.period === 'year' ? 0 : plan.month);
    const seen = new Set<string>();
    plan.targets.forEach((target, index) => {
      if (seen.has(target.customerId)) {
        ctx.addIssue({
          code: 'custom',
          path: ['targets', index, 'customerId'],
          message: 'errors.customerTwice',
        });
      }
      seen.add(target.customerId);
      const dates = new Set<string>();
      target.plannedDates.forEach((date, d) => {
        const t = parseLocalDate(date);
        if (t === null) {
          ctx.addIssue({
            code: 'custom',
            path: ['targets', index, 'plannedDates', d],
            message: 'errors.badDate',
          });
        } else if (!inRange(t, range)) {
          ctx.addIssue({
            code: 'custom',
            path: ['targets', index, 'plannedDates', d],
            message: 'errors.dateOutsidePeriod',
          });
        } else if (dates.has(date)) {
          ctx.addIssue({
            code: 'custom',
            path: ['targets', index, 'plannedDates', d],
            message: 'errors.dateTwice',
          });
        }
        dates.add(date);
      });
      if (target.frequency === 0 && target.plannedDates.length === 0) {
        ctx.addIssue({
          code: 'custom',
          path: ['targets', index, 'frequency'],
          message: 'errors.targetEmpty',
        });
      }
    });
  });

export type PlanForm = z.infer<typeof planFormSchema>;

export function planFormOf(plan: PlanDoc): PlanForm {
  return {
    period: plan.period,
    year: plan.year,
    month: plan.month,
    title: plan.title,
    status: plan.status,
    note: plan.note,
    targets: plan.targets.map((t) => ({ ...t, plannedDates: [...t.plannedDates].sort() })),
  };
}

/** Planned dates sorted and each target's frequency at least its number of dates. */
export function normalizePlan(form: PlanForm): PlanForm {
  return {
    ...form,
    title: form.title.trim(),
    month: form.period === 'year' ? 0 : form.month,
    targets: form.targets.map((t) => {
      const plannedDates = [...new Set(t.plannedDates)].sort();
      return { ...t, plannedDates, frequency: Math.max(t.frequency, plannedDates.length) };
    }),
  };
}

/** Every (date, target) of a plan in one month: what the calendar shows. */
export function plannedOn(plan: Pick<PlanDoc, 'id' | 'targets'>, year: number, month: number) {
  const prefix = `${year}-${String(month).padStart(2, '0')}-`;
  const entries: { date: string; planId: string; targetId: string; customerId: string }[] = [];
  for (const target of plan.targets) {
    for (const date of target.plannedDates) {
      if (date.startsWith(prefix))
        entries.push({ date, planId: plan.id, targetId: target.id, customerId: target.customerId });
    }
  }
  return entries.sort((a, b) => a.date.localeCompare(b.date));
}
