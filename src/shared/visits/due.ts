import type { PlanDoc } from '../schema/plans';
import { type CoverageVisit, DUE_WINDOW_DAYS, targetCoverage } from './coverage';
import { inRange, periodRange } from './dates';

/**
 * Which customers the status list flags: due (a visit is expected within the window) or
 * overdue (fewer visits done than the plan expected by now). Only active plans whose period
 * includes today count, so last month's unfinished plan stops flagging once the month is over
 * and this month's plan takes over; a customer in several plans shows the worst state.
 */

export const VISIT_FLAGS = ['overdue', 'due'] as const;
export type VisitFlagState = (typeof VISIT_FLAGS)[number];

export interface VisitFlag {
  state: VisitFlagState;
  planId: string;
  /** The earliest planned date not yet met, when the plan names dates. */
  nextDate?: string;
}

type FlagPlan = Pick<PlanDoc, 'id' | 'year' | 'month' | 'status' | 'targets' | 'ownerId'>;

export function isCurrentPlan(
  plan: Pick<PlanDoc, 'year' | 'month' | 'status'>,
  now: number,
): boolean {
  return plan.status === 'active' && inRange(now, periodRange(plan.year, plan.month));
}

/**
 * @param visitsOf the visits of a plan's owner (any period covering the plan's; others are ignored)
 */
export function visitFlags(
  plans: readonly FlagPlan[],
  visitsOf: (ownerId: string) => readonly CoverageVisit[],
  now: number,
  dueWindowDays = DUE_WINDOW_DAYS,
): Map<string, VisitFlag> {
  const flags = new Map<string, VisitFlag>();
  for (const plan of plans) {
    if (!isCurrentPlan(plan, now)) continue;
    const visits = visitsOf(plan.ownerId);
    for (const target of plan.targets) {
      const coverage = targetCoverage(plan, target, visits, now, dueWindowDays);
      if (coverage.state !== 'overdue' && coverage.state !== 'due') continue;
      const existing = flags.get(target.customerId);
      if (existing?.state === 'overdue') continue;
      if (existing?.state === 'due' && coverage.state === 'due') continue;
      const nextDate = coverage.dates.find((d) => d.state !== 'met')?.date;
      flags.set(target.customerId, {
        state: coverage.state,
        planId: plan.id,
        ...(nextDate ? { nextDate } : {}),
      });
    }
  }
  return flags;
}

/** The ids of flagged customers in one state: what a status list filter needs. */
export function customersIn(
  flags: ReadonlyMap<string, VisitFlag>,
  state: VisitFlagState,
): Set<string> {
  const ids = new Set<string>();
  for (const [id, flag] of flags) if (flag.state === state) ids.add(id);
  return ids;
}
