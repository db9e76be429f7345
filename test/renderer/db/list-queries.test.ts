import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DanganDatabase } from '../../../src/renderer/src/db/database';
import { LIST_QUERIES } from '../../../src/renderer/src/db/list-queries';
import { openMemoryDatabase } from './memory-db';
import { planOf } from './query-plan';

describe('list queries', () => {
  let db: DanganDatabase;
  beforeAll(async () => {
    db = await openMemoryDatabase();
  });
  afterAll(async () => {
    await db.close();
  });

  it('the plan check itself catches a full scan and a descending sort', () => {
    const customers = db.collections.customers;
    const desc = planOf(customers, { selector: {}, sort: [{ updatedAt: 'desc' }, { id: 'desc' }] });
    expect(desc.sortSatisfiedByIndex).toBe(false);
    const unindexed = planOf(customers, { selector: { industry: 'retail' }, sort: [{ code: 'asc' }] });
    expect(unindexed.selectorSatisfiedByIndex && unindexed.sortSatisfiedByIndex).toBe(false);
    const good = planOf(customers, {
      selector: { archiveStatus: 'active' },
      sort: [{ archiveStatus: 'asc' }, { code: 'asc' }],
    });
    expect(good).toMatchObject({ selectorSatisfiedByIndex: true, sortSatisfiedByIndex: true });
  });

  it('every list query the app runs is answered by an index (selector and sort)', () => {
    expect(LIST_QUERIES.length).toBeGreaterThan(0);
    const failures: string[] = [];
    for (const query of LIST_QUERIES) {
      const samples = query.sampleQueries();
      expect(samples.length, `${query.name} has no samples`).toBeGreaterThan(0);
      for (const sample of samples) {
        const plan = planOf(db.collections[query.collection] as never, sample);
        if (!plan.selectorSatisfiedByIndex || !plan.sortSatisfiedByIndex) {
          failures.push(`${query.name} ${JSON.stringify(sample)} → index ${plan.index.join(',')}`);
        }
      }
    }
    expect(failures).toEqual([]);
  });
});
