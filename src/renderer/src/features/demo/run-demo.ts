import { randomDevicePrefix } from '../../../../shared/customers';
import type { CustomerDoc, ReferenceDoc } from '../../../../shared/schema';
import type { SessionUser } from '../../../../shared/users';
import { writeInBatches } from '../../db/batch';
import type { DanganDatabase } from '../../db/database';
import { STAFF } from './demo-data';
import { demoCustomers, type DemoOptions } from './generator';

export const DEMO_MAX = 100_000;

export interface Owner {
  id: string;
  teamId: string;
}

export function staffId(key: string): string {
  return `staff-${key}`;
}

/** The demo staff plus the signed-in user, who owns a share like any rep. */
export function demoOwners(user: Owner): Owner[] {
  return [user, ...STAFF.map((s) => ({ id: staffId(s.key), teamId: s.team }))];
}

function devicePrefix(): string {
  return randomDevicePrefix((n) => crypto.getRandomValues(new Uint8Array(n)));
}

/** Every demo customer at once (for the benchmark, which writes the same documents twice). */
export function demoBatch(
  count: number,
  options: { seed: number; owners: readonly Owner[]; now?: number },
): CustomerDoc[] {
  const generatorOptions: DemoOptions = {
    seed: options.seed,
    device: devicePrefix(),
    owners: demoOwners(options.owners[0] ?? { id: 'local', teamId: 'local' }),
    now: options.now ?? Date.now(),
  };
  const out: CustomerDoc[] = [];
  for (const slice of demoCustomers(count, generatorOptions, 5000)) out.push(...slice);
  return out;
}

/** The staff directory the demo customers refer to (owner names in the list). */
export async function writeDemoStaff(db: DanganDatabase, user: SessionUser): Promise<void> {
  const now = Date.now();
  const docs: ReferenceDoc[] = STAFF.map((s) => ({
    id: staffId(s.key),
    kind: 'staff',
    key: s.key,
    label: s.name,
    data: { teamId: s.team, demo: true },
    createdAt: now,
    createdBy: user.id,
    updatedAt: now,
    updatedBy: user.id,
  }));
  await db.collections.reference.bulkUpsert(docs);
}

export interface DemoRun {
  count: number;
  seed?: number;
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
}

/**
 * Fills the local database with `count` demo customers, generating and writing one slice
 * at a time (bounded memory, the window keeps painting). Each run takes its own code
 * prefix, as another laptop would, so a second run never reuses a code.
 */
export async function fillWithDemoData(db: DanganDatabase, user: SessionUser, run: DemoRun): Promise<number> {
  const count = Math.max(0, Math.min(DEMO_MAX, Math.floor(run.count)));
  await writeDemoStaff(db, user);
  const options: DemoOptions = {
    seed: run.seed ?? Date.now() % 2 ** 31,
    device: devicePrefix(),
    owners: demoOwners({ id: user.id, teamId: user.teamId }),
    now: Date.now(),
  };
  let written = 0;
  for (const slice of demoCustomers(count, options, 1000)) {
    if (run.signal?.aborted) break;
    const base = written;
    written += await writeInBatches(db.collections.customers, slice, 'insert', {
      ...(run.signal ? { signal: run.signal } : {}),
      onProgress: (p) => run.onProgress?.(base + p.done, count),
    });
  }
  return written;
}
