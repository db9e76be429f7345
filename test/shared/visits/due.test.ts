import { describe, expect, it } from 'vitest';
import type { PlanDoc } from '../../../src/shared/schema';
import { customersIn, visitFlags, type CoverageVisit } from '../../../src/shared/visits';
import { at } from './fixtures';

function plan(
  over: Partial<PlanDoc>,
): Pick<PlanDoc, 'id' | 'year' | 'month' | 'status' | 'targets' | 'ownerId'> {
  return {
    id: 'p1',
    ownerId: 'rep-1',
    year: 2026,
    month: 3,
    status: 'active',
    targets: [],
    ...over,
  };
}

describe('customers flagged for a visit', () => {
  const targets = [
    { id: 't1', customerId: 'late', frequency: 1, plannedDates: ['2026-03-02'] },
    { id: 't2', customerId: 'soon', frequency: 1, plannedDates: ['2026-03-12'] },
    { id: 't3', customerId: 'done', frequency: 1, plannedDates: ['2026-03-03'] },
    { id: 't4', customerId: 'later', frequency: 1, plannedDates: ['2026-03-28'] },
  ];
  const visits: CoverageVisit[] = [{ customerId: 'done', at: at(2026, 3, 3), status: 'accepted' }];

  it('flags overdue and due customers of the current active plans only', () => {
    const flags = visitFlags([plan({ targets })], () => visits, at(2026, 3, 8));
    expect(Object.fromEntries(flags)).toEqual({
      late: { state: 'overdue', planId: 'p1', nextDate: '2026-03-02' },
      soon: { state: 'due', planId: 'p1', nextDate: '2026-03-12' },
    });
    expect(customersIn(flags, 'overdue')).toEqual(new Set(['late']));
  });

  it('ignores closed and draft plans and plans of another period', () => {
    const plans = [
      plan({ targets, status: 'closed' }),
      plan({ targets, status: 'draft' }),
      plan({ targets, month: 2 }),
    ];
    expect(visitFlags(plans, () => [], at(2026, 3, 8)).size).toBe(0);
  });

  it('shows the worst state when a customer is in several plans', () => {
    const yearly = plan({
      id: 'y',
      month: 0,
      targets: [{ id: 'a', customerId: 'soon', frequency: 12, plannedDates: [] }],
    });
    const flags = visitFlags([plan({ targets }), yearly], () => [], at(2026, 3, 8));
    expect(flags.get('soon')).toEqual({ state: 'overdue', planId: 'y' });
  });

  it("uses each plan owner's own visits", () => {
    const other = plan({
      id: 'p2',
      ownerId: 'rep-2',
      targets: [{ id: 'x', customerId: 'done', frequency: 1, plannedDates: ['2026-03-03'] }],
    });
    const flags = visitFlags([other], (owner) => (owner === 'rep-1' ? visits : []), at(2026, 3, 8));
    expect(flags.get('done')?.state).toBe('overdue');
  });
});
