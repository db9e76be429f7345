import type { PlanDoc, PlanTarget } from '../schema/plans';
import type { VisitStatus } from '../schema/visits';
import {
  DAY_MS,
  inRange,
  pad2,
  monthOf,
  parseLocalDate,
  periodRange,
  startOfLocalDay,
  type Range,
} from './dates';
import { isDone } from './lifecycle';

/**
 * Progress of a plan against the visits done.
 *
 * A target wants `max(frequency, planned dates)` visits in the plan's period. A visit counts
 * when its report has been handed in (submitted, sent back or accepted) and it took place in
 * the period; drafts are shown apart as "in progress". Planned dates are met in order: the
 * k-th planned date is met once k visits are done, whenever in the period they happened.
 *
 * By a given day a target expects the larger of (planned dates up to that day) and
 * (frequency × elapsed share of the period, rounded down): so "4 a year" with no dates expects
 * the first visit by the end of March. It is **overdue** when fewer visits are done than it
 * expected by yesterday's end, **due** when a visit becomes expected within the window
 * (today and the next `dueWindowDays` days), **met** when it has all its visits.
 */

export const DUE_WINDOW_DAYS = 7;

export interface CoverageVisit {
  customerId: string;
  at: number;
  status: VisitStatus;
}

export const DATE_STATES = ['met', 'overdue', 'due', 'upcoming'] as const;
export type DateState = (typeof DATE_STATES)[number];
export const TARGET_STATES = ['met', 'overdue', 'due', 'onTrack', 'upcoming'] as const;
export type TargetState = (typeof TARGET_STATES)[number];

export interface TargetCoverage {
  targetId: string;
  customerId: string;
  wanted: number;
  done: number;
  drafts: number;
  dates: { date: string; state: DateState }[];
  state: TargetState;
  /** Visits done per month of the period (12 entries for an annual plan, 1 for a monthly one). */
  byMonth: number[];
}

export interface PlanCoverage {
  wanted: number;
  /** Done visits, each target counted up to what it wants. */
  done: number;
  /** 0–1; 1 for a plan that wants nothing. */
  ratio: number;
  targets: TargetCoverage[];
  /** Per month of the period: visits planned on dates in that month, and visits done. */
  months: { year: number; month: number; planned: number; done: number }[];
}

type PlanShape = Pick<PlanDoc, 'year' | 'month' | 'targets'>;

/**
 * Share of the period gone by at local midnight `day`: whole months for an annual plan (reps
 * plan "once a quarter", not "every 91.25 days"), whole days for a monthly one.
 */
function elapsedShare(plan: PlanShape, range: Range, day: number): number {
  if (plan.month === 0) {
    const d = new Date(day);
    const monthsEnded = (d.getFullYear() - plan.year) * 12 + d.getMonth();
    return Math.min(1, Math.max(0, monthsEnded / 12));
  }
  return Math.min(1, Math.max(0, (day - range.start) / (range.end - range.start)));
}

function expectedBy(
  plan: PlanShape,
  target: PlanTarget,
  dates: number[],
  range: Range,
  day: number,
): number {
  const byDates = dates.filter((d) => d < day).length;
  return Math.max(byDates, Math.floor(target.frequency * elapsedShare(plan, range, day) + 1e-9));
}

export function targetCoverage(
  plan: PlanShape,
  target: PlanTarget,
  visits: readonly CoverageVisit[],
  now: number,
  dueWindowDays = DUE_WINDOW_DAYS,
): TargetCoverage {
  const range = periodRange(plan.year, plan.month);
  const monthsInPeriod = plan.month === 0 ? 12 : 1;
  const byMonth = new Array<number>(monthsInPeriod).fill(0);
  let done = 0;
  let drafts = 0;
  for (const v of visits) {
    if (v.customerId !== target.customerId || !inRange(v.at, range)) continue;
    if (isDone(v.status)) {
      done += 1;
      const index = plan.month === 0 ? monthOf(v.at).month - 1 : 0;
      byMonth[index] = (byMonth[index] ?? 0) + 1;
    } else if (v.status === 'draft') drafts += 1;
  }
  const sortedDates = [...new Set(target.plannedDates)]
    .filter((d) => parseLocalDate(d) !== null)
    .sort();
  const dateTimes = sortedDates.map((d) => parseLocalDate(d) ?? 0);
  const today = startOfLocalDay(now);
  const windowEnd = today + (dueWindowDays + 1) * DAY_MS;
  const dates = sortedDates.map((date, i) => {
    const t = dateTimes[i] ?? 0;
    const state: DateState =
      done > i ? 'met' : t < today ? 'overdue' : t < windowEnd ? 'due' : 'upcoming';
    return { date, state };
  });
  const wanted = Math.max(target.frequency, sortedDates.length);
  let state: TargetState;
  if (wanted > 0 && done >= wanted) state = 'met';
  else if (wanted === 0) state = 'met';
  else if (done < expectedBy(plan, target, dateTimes, range, today)) state = 'overdue';
  else if (done < expectedBy(plan, target, dateTimes, range, windowEnd)) state = 'due';
  else state = now < range.start ? 'upcoming' : 'onTrack';
  return {
    targetId: target.id,
    customerId: target.customerId,
    wanted,
    done,
    drafts,
    dates,
    state,
    byMonth,
  };
}

function plannedIn(target: PlanTarget, year: number, month: number): number {
  const prefix = `${year}-${pad2(month)}-`;
  return [...new Set(target.plannedDates)].filter(
    (d) => d.startsWith(prefix) && parseLocalDate(d) !== null,
  ).length;
}

export function planCoverage(
  plan: PlanShape,
  visits: readonly CoverageVisit[],
  now: number,
  dueWindowDays = DUE_WINDOW_DAYS,
): PlanCoverage {
  const targets = plan.targets.map((t) => targetCoverage(plan, t, visits, now, dueWindowDays));
  const wanted = targets.reduce((sum, t) => sum + t.wanted, 0);
  const done = targets.reduce((sum, t) => sum + Math.min(t.done, t.wanted), 0);
  const monthNumbers =
    plan.month === 0 ? Array.from({ length: 12 }, (_, i) => i + 1) : [plan.month];
  const months = monthNumbers.map((month, index) => ({
    year: plan.year,
    month,
    planned: plan.targets.reduce((sum, t) => sum + plannedIn(t, plan.year, month), 0),
    done: targets.reduce((sum, t) => sum + (t.byMonth[index] ?? 0), 0),
  }));
  return { wanted, done, ratio: wanted === 0 ? 1 : done / wanted, targets, months };
}
