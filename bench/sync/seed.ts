import { newId } from '../../src/shared/ids';
import { atDescOf, VISIT_PURPOSES, type VisitDoc } from '../../src/shared/schema';
import type { Api } from '../server/client';
import { makeCustomer, random } from '../server/generate';

const BATCH = 1000;
const log = (message: string) => process.stderr.write(`${message}\n`);

/** A visit report as the visits screens write it, about 0.8 KB. */
function makeVisit(rand: () => number, customerId: string, ownerId: string, teamId: string): VisitDoc {
  const at = Date.UTC(2025, 0, 1) + Math.floor(rand() * 500 * 86_400_000);
  return {
    id: newId(at),
    customerId,
    ownerId,
    teamId,
    status: 'accepted',
    visitors: [],
    startAt: at,
    endAt: at + 3_600_000,
    place: '客户门店',
    purposes: [VISIT_PURPOSES[Math.floor(rand() * VISIT_PURPOSES.length)]!],
    outcomes: '了解了客户近期采购计划，演示了新款产品，客户对价格和交期有进一步询问。',
    feedback: '希望售后响应再快一些。',
    nextSteps: [{ id: newId(at + 1), text: '下周发送报价单' }],
    attachmentIds: [],
    amendments: [],
    at,
    atDesc: atDescOf(at),
    createdAt: at,
    createdBy: ownerId,
    updatedAt: at,
    updatedBy: ownerId,
  };
}

/** Seeds the server through its push API: `customers`, then three visits per customer. */
/**
 * `refreshStatistics` runs ANALYZE now and then: the server's push statements fall back to
 * scans that grow with the table when the planner still believes it is empty (observed: 1,000
 * visits took 6–14 s instead of 0.2 s after a few thousand rows, on PGlite and PostgreSQL).
 */
export async function seed(
  api: Api,
  customers: number,
  ownerId: string,
  teamId: string,
  refreshStatistics: () => Promise<void>,
): Promise<{ seconds: number; customerIds: string[] }> {
  const rand = random(7);
  const started = performance.now();
  const ids: string[] = [];
  for (let i = 0; i < customers; i += BATCH) {
    const rows = [];
    for (let j = i; j < Math.min(customers, i + BATCH); j++) {
      const doc = makeCustomer(rand, j, ownerId, teamId);
      ids.push(doc.id);
      rows.push({ newDocumentState: { ...doc, _deleted: false } });
    }
    if ((i / BATCH) % 2 === 1) await refreshStatistics();
    const refused = await api.push('customers', rows);
    if (refused.length > 0) throw new Error(`seeding customers: ${refused.length} refused`);
    if (i % 20_000 === 0) log(`  customers ${i}/${customers}`);
  }
  const visits = customers * 3;
  for (let i = 0; i < visits; i += BATCH) {
    const rows = [];
    for (let j = i; j < Math.min(visits, i + BATCH); j++) {
      rows.push({ newDocumentState: { ...makeVisit(rand, ids[j % ids.length]!, ownerId, teamId), _deleted: false } });
    }
    if ((i / BATCH) % 2 === 1) await refreshStatistics();
    const refused = await api.push('visits', rows);
    if (refused.length > 0) throw new Error(`seeding visits: ${refused.length} refused`);
    if (i % 60_000 === 0) log(`  visits ${i}/${visits}`);
  }
  return { seconds: (performance.now() - started) / 1000, customerIds: ids };
}
