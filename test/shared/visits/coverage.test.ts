import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PlanTarget, VisitStatus } from '../../../src/shared/schema';
import { planCoverage, targetCoverage, type CoverageVisit } from '../../../src/shared/visits';
import { at } from './fixtures';

const target = (over: Partial<PlanTarget> = {}): PlanTarget => ({
  id: 't1',
  customerId: 'c1',
  frequency: 2,
  plannedDates: ['2026-03-05', '2026-03-20'],
  ...over,
});
const march = (targets: PlanTarget[]) => ({ year: 2026, month: 3, targets });
const done = (
  customerId: string,
  ts: number,
  status: VisitStatus = 'submitted',
): CoverageVisit => ({ customerId, at: ts, status });

describe('coverage of a monthly plan', () => {
  it('meets planned dates in order, whenever in the month the visits happened', () => {
    const c = targetCoverage(march([]), target(), [done('c1', at(2026, 3, 2))], at(2026, 3, 10));
    expect(c.dates).toEqual([
      { date: '2026-03-05', state: 'met' },
      { date: '2026-03-20', state: 'upcoming' },
    ]);
    expect(c.state).toBe('onTrack');
  });

  it('a planned date gone by without a visit is overdue; one within the week is due', () => {
    expect(targetCoverage(march([]), target(), [], at(2026, 3, 6)).state).toBe('overdue');
    const soon = targetCoverage(march([]), target(), [done('c1', at(2026, 3, 4))], at(2026, 3, 14));
    expect(soon.state).toBe('due');
    expect(soon.dates[1]).toEqual({ date: '2026-03-20', state: 'due' });
    // The day itself is due, not overdue.
    expect(targetCoverage(march([]), target(), [], at(2026, 3, 5, 18)).state).toBe('due');
  });

  it('counts only handed-in visits of that customer in that month; drafts are in progress', () => {
    const visits = [
      done('c1', at(2026, 3, 3), 'draft'),
      done('c1', at(2026, 2, 28, 23, 59)),
      done('c2', at(2026, 3, 3)),
      done('c1', at(2026, 3, 3), 'planned'),
      done('c1', at(2026, 3, 12), 'returned'),
      done('c1', at(2026, 3, 25), 'accepted'),
    ];
    const c = targetCoverage(march([]), target(), visits, at(2026, 3, 26));
    expect(c).toMatchObject({ done: 2, drafts: 1, state: 'met', byMonth: [2] });
  });

  it('a frequency with no dates is due in the last week and overdue after the month', () => {
    const t = target({ frequency: 1, plannedDates: [] });
    expect(targetCoverage(march([]), t, [], at(2026, 3, 10)).state).toBe('onTrack');
    expect(targetCoverage(march([]), t, [], at(2026, 3, 28)).state).toBe('due');
    expect(targetCoverage(march([]), t, [], at(2026, 4, 1)).state).toBe('overdue');
    expect(targetCoverage(march([]), t, [], at(2026, 2, 1)).state).toBe('upcoming');
  });

  it('sums the plan, counting each customer up to what it wants', () => {
    const plan = march([
      target(),
      target({ id: 't2', customerId: 'c2', frequency: 1, plannedDates: [] }),
    ]);
    const visits = [
      done('c1', at(2026, 3, 1)),
      done('c2', at(2026, 3, 2)),
      done('c2', at(2026, 3, 3)),
      done('c2', at(2026, 3, 4)),
    ];
    const p = planCoverage(plan, visits, at(2026, 3, 10));
    expect(p).toMatchObject({
      wanted: 3,
      done: 2,
      months: [{ year: 2026, month: 3, planned: 2, done: 4 }],
    });
    expect(p.ratio).toBeCloseTo(2 / 3);
  });
});

describe('coverage of an annual plan', () => {
  const year = (targets: PlanTarget[]) => ({ year: 2026, month: 0, targets });

  it('paces a yearly frequency: four a year expects the first by the end of March', () => {
    const t = target({ frequency: 4, plannedDates: [] });
    expect(targetCoverage(year([]), t, [], at(2026, 3, 15)).state).toBe('onTrack');
    expect(targetCoverage(year([]), t, [], at(2026, 3, 26)).state).toBe('due');
    expect(targetCoverage(year([]), t, [], at(2026, 4, 1)).state).toBe('overdue');
    expect(targetCoverage(year([]), t, [done('c1', at(2026, 2, 2))], at(2026, 4, 2)).state).toBe(
      'onTrack',
    );
  });

  it('spreads done visits over the twelve months', () => {
    const t = target({ frequency: 12, plannedDates: ['2026-06-10'] });
    const c = targetCoverage(
      year([]),
      t,
      [done('c1', at(2026, 1, 9)), done('c1', at(2026, 6, 1)), done('c1', at(2026, 6, 30))],
      at(2026, 7, 1),
    );
    expect(c.byMonth).toEqual([1, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0]);
    expect(planCoverage(year([t]), [], at(2026, 7, 1)).months[5]).toEqual({
      year: 2026,
      month: 6,
      planned: 1,
      done: 0,
    });
  });
});

describe('coverage invariants', () => {
  const statusArb = fc.constantFrom<VisitStatus>(
    'planned',
    'draft',
    'submitted',
    'returned',
    'accepted',
  );
  const dayArb = fc.integer({ min: 1, max: 31 });
  it('ratio stays within 0–1 and "met" means every wanted visit is done', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 6 }),
        fc.uniqueArray(dayArb, { maxLength: 6 }),
        fc.array(
          fc.record({ day: dayArb, status: statusArb, customer: fc.constantFrom('c1', 'c2') }),
          { maxLength: 12 },
        ),
        dayArb,
        (frequency, days, visits, today) => {
          const t = target({
            frequency,
            plannedDates: days.map((d) => `2026-03-${String(d).padStart(2, '0')}`),
          });
          const vs = visits.map((v) => done(v.customer, at(2026, 3, v.day), v.status));
          const p = planCoverage(march([t]), vs, at(2026, 3, today));
          expect(p.ratio).toBeGreaterThanOrEqual(0);
          expect(p.ratio).toBeLessThanOrEqual(1);
          const c = p.targets[0]!;
          expect(c.state === 'met').toBe(c.done >= c.wanted);
          expect(c.dates.filter((d) => d.state === 'met').length).toBe(
            Math.min(c.done, c.dates.length),
          );
        },
      ),
    );
  });
});
