import { describe, expect, it } from 'vitest';
import {
  normalizePlan,
  planFormSchema,
  plannedOn,
  type PlanForm,
} from '../../../src/shared/visits';

const base: PlanForm = {
  period: 'month',
  year: 2026,
  month: 3,
  title: '2026年3月巡访计划',
  status: 'active',
  targets: [],
};
const issues = (form: PlanForm) => {
  const r = planFormSchema.safeParse(form);
  return r.success
    ? {}
    : Object.fromEntries(r.error.issues.map((i) => [i.path.join('.'), i.message]));
};

describe('visit plan rules', () => {
  it('a monthly plan needs its month; an annual plan has none', () => {
    expect(issues({ ...base, month: 0 })).toEqual({ month: 'errors.monthRequired' });
    expect(issues({ ...base, period: 'year', month: 4 })).toEqual({
      month: 'errors.yearPlanHasNoMonth',
    });
    expect(issues({ ...base, period: 'year', month: 0 })).toEqual({});
  });

  it('planned dates must be real, inside the period and not repeated; a customer appears once', () => {
    const form: PlanForm = {
      ...base,
      targets: [
        {
          id: 'a',
          customerId: 'c1',
          frequency: 1,
          plannedDates: ['2026-02-30', '2026-04-01', '2026-03-09', '2026-03-09'],
        },
        { id: 'b', customerId: 'c1', frequency: 0, plannedDates: [] },
      ],
    };
    expect(issues(form)).toEqual({
      'targets.0.plannedDates.0': 'errors.badDate',
      'targets.0.plannedDates.1': 'errors.dateOutsidePeriod',
      'targets.0.plannedDates.3': 'errors.dateTwice',
      'targets.1.customerId': 'errors.customerTwice',
      'targets.1.frequency': 'errors.targetEmpty',
    });
  });

  it('normalising sorts dates and raises the frequency to the number of dates', () => {
    const n = normalizePlan({
      ...base,
      title: ' 计划 ',
      targets: [
        { id: 'a', customerId: 'c1', frequency: 1, plannedDates: ['2026-03-20', '2026-03-02'] },
      ],
    });
    expect(n.title).toBe('计划');
    expect(n.targets[0]).toMatchObject({
      frequency: 2,
      plannedDates: ['2026-03-02', '2026-03-20'],
    });
  });

  it('lists what the calendar shows for one month, in date order', () => {
    const plan = {
      id: 'p',
      targets: [
        { id: 'a', customerId: 'c1', frequency: 2, plannedDates: ['2026-03-20', '2026-04-02'] },
        { id: 'b', customerId: 'c2', frequency: 1, plannedDates: ['2026-03-04'] },
      ],
    };
    expect(plannedOn(plan, 2026, 3).map((e) => `${e.date} ${e.customerId}`)).toEqual([
      '2026-03-04 c2',
      '2026-03-20 c1',
    ]);
  });
});
