import { useCallback } from 'react';
import type { DanganDatabase } from '../../db/database';
import { loadPreference, savePreference, usePreference } from '../../db/preferences';
import { useDatabase } from '../../db/provider';
import { runListQuery } from '../../db/list-query';
import { attachmentsOfCustomer } from './sync.queries';
import { queueDownloads } from './transfers';

/** The customers whose files this user wants on the laptop before a trip (a preference). */
export const KEEP_OFFLINE_KEY = 'keepOffline';
const MAX_KEPT = 500;

export interface KeepOffline extends Record<string, unknown> {
  customerIds: string[];
}

export async function keptCustomers(db: DanganDatabase, userId: string): Promise<string[]> {
  return (await loadPreference<KeepOffline>(db, userId, KEEP_OFFLINE_KEY))?.customerIds ?? [];
}

export async function setKeptOffline(db: DanganDatabase, userId: string, customerId: string, keep: boolean): Promise<void> {
  const current = await keptCustomers(db, userId);
  const next = keep ? [...new Set([...current, customerId])].slice(-MAX_KEPT) : current.filter((id) => id !== customerId);
  await savePreference(db, userId, KEEP_OFFLINE_KEY, { customerIds: next });
  if (keep) await downloadCustomerFiles(db, customerId);
}

/** Queues every file of a customer that is not on this laptop yet. */
export async function downloadCustomerFiles(db: DanganDatabase, customerId: string): Promise<number> {
  const docs = await runListQuery(db, attachmentsOfCustomer, { customerId }).exec();
  const items = docs.map((d) => ({ sha256: d.sha256, name: d.name }));
  let queued = 0;
  for (let i = 0; i < items.length; i += 1000) queued += (await queueDownloads(items.slice(i, i + 1000))).queued;
  return queued;
}

export function useKeepOffline(userId: string, customerId: string): { kept: boolean | undefined; toggle: (keep: boolean) => Promise<void> } {
  const db = useDatabase();
  const pref = usePreference<KeepOffline>(userId, KEEP_OFFLINE_KEY);
  const kept = pref === undefined ? undefined : (pref?.customerIds ?? []).includes(customerId);
  const toggle = useCallback((keep: boolean) => setKeptOffline(db, userId, customerId, keep), [db, userId, customerId]);
  return { kept, toggle };
}
