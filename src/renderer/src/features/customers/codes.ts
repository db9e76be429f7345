import { codeDay, isDevicePrefix, randomDevicePrefix, reserveCodes, type CodeCounter } from '../../../../shared/customers';
import { localEntry } from '../../../../shared/schema';
import type { DanganDatabase } from '../../db/database';
import { runListQuery } from '../../db/list-query';
import { customersWithCode } from './customers.queries';

/** One counter per local database (never replicated): this laptop's code prefix and sequence. */
const COUNTER_ID = 'device:customer-code-counter';

function isCounter(data: Record<string, unknown>): data is Record<string, unknown> & CodeCounter {
  return typeof data['device'] === 'string' && isDevicePrefix(data['device']) && typeof data['day'] === 'string' && typeof data['next'] === 'number';
}

async function counterDoc(db: DanganDatabase, userId: string) {
  const local = db.collections.local;
  const existing = await local.findOne(COUNTER_ID).exec();
  if (existing) return existing;
  const now = Date.now();
  const device = randomDevicePrefix((n) => crypto.getRandomValues(new Uint8Array(n)));
  const counter = { device, day: '', next: 1 };
  const fresh = localEntry(
    { id: COUNTER_ID, kind: 'preference', userId: 'device', key: 'customer-code-counter', data: counter },
    now,
    userId,
  );
  try {
    return await local.insert(fresh);
  } catch {
    // Another tab created it first: use theirs.
    const raced = await local.findOne(COUNTER_ID).exec();
    if (!raced) throw new Error('the customer code counter could not be created');
    return raced;
  }
}

/**
 * Reserves `count` customer codes (客户编号) for today. The counter is advanced atomically
 * (incrementalModify queues writes to the document) before the codes are handed out, so a
 * crash never reuses a code; codes already present on this laptop are skipped.
 */
export async function allocateCustomerCodes(db: DanganDatabase, userId: string, count: number, now = Date.now()): Promise<string[]> {
  const day = codeDay(now);
  const doc = await counterDoc(db, userId);
  const out: string[] = [];
  while (out.length < count) {
    const wanted = count - out.length;
    let codes: string[] = [];
    await doc.incrementalModify((current) => {
      const data = isCounter(current.data) ? current.data : { device: randomDevicePrefix((n) => crypto.getRandomValues(new Uint8Array(n))), day: '', next: 1 };
      const reserved = reserveCodes(data, day, wanted);
      codes = reserved.codes;
      return { ...current, data: { ...reserved.counter }, at: now };
    });
    // A handful of codes are checked one by one; bulk imports trust the fresh block.
    for (const code of codes) {
      if (count <= 20) {
        const clash = await runListQuery(db, customersWithCode, { code }).exec();
        if (clash.length > 0) continue;
      }
      out.push(code);
    }
  }
  return out;
}
