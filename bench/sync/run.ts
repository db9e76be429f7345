import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Api } from '../server/client';
import { startHttpServer, TEST_PASSWORD } from '../../test/renderer/sync/support/server';
import { runLaptop } from './laptop';
import { seed } from './seed';

/**
 * `npm run bench:sync`: a fresh laptop (the built renderer in Debian's Chromium, its sync
 * worker, IndexedDB on disk) signs in to the sync server (PGlite on disk, or PostgreSQL at
 * DANGAN_BENCH_DATABASE_URL) holding 100,000
 * customers and 300,000 visits, and pulls them: total time, time until the customers are in,
 * time until the status list shows rows, the longest task on the UI thread meanwhile, heap
 * at the end. Then it goes offline, edits 1,000 customers, reconnects: time until the server
 * has confirmed all of them. Prints a table, then one JSON object as the last line.
 *
 * DANGAN_BENCH_SYNC_CUSTOMERS (default 100000; visits are three per customer) and
 * DANGAN_BENCH_SYNC_EDITS (default 1000) scale it down for a quick look.
 */
const CUSTOMERS = Number(process.env['DANGAN_BENCH_SYNC_CUSTOMERS'] ?? 100_000);
const EDITS = Number(process.env['DANGAN_BENCH_SYNC_EDITS'] ?? 1000);
const DATABASE_URL = process.env['DANGAN_BENCH_DATABASE_URL'] || undefined;

const TARGETS = [
  { figure: 'customersSeconds', label: `${CUSTOMERS} customers pulled (s)`, max: 36 },
  { figure: 'listUsableSeconds', label: 'status list usable (s)', max: 5 },
  { figure: 'longestTaskMs', label: 'longest UI-thread task (ms)', max: 100 },
  { figure: 'editsUpSeconds', label: `${EDITS} edits up after reconnect (s)`, max: 2 },
] as const;

const log = (message: string) => process.stderr.write(`${message}\n`);

async function main(): Promise<void> {
  if (!existsSync(path.resolve(import.meta.dirname, '../../out/renderer/index.html'))) {
    throw new Error('build the app first: npx electron-vite build');
  }
  const dataDir = mkdtempSync(path.join(tmpdir(), 'dangan-bench-sync-'));
  // In this process, so the seeder can refresh the planner's statistics while it loads.
  const server = await startHttpServer({
    dataDir,
    ...(DATABASE_URL ? { backend: { name: 'postgres' as const, url: DATABASE_URL } } : {}),
    config: { loginMaxPerUser: 10_000, loginMaxPerAddress: 10_000, logLevel: 'warn' },
  });
  try {
    await server.addUser('bench', 'manager', 'team-1');
    const manager = await Api.login(server.url, 'bench', TEST_PASSWORD, 'bench-seeder-1');
    log(`seeding ${CUSTOMERS} customers and ${CUSTOMERS * 3} visits (${DATABASE_URL ? 'PostgreSQL' : 'PGlite'})…`);
    const seeded = await seed(manager, CUSTOMERS, 'rep-1', 'team-1', () => server.t.server.db.query('ANALYZE').then(() => undefined));
    log(`seeded in ${seeded.seconds.toFixed(1)} s; a fresh laptop signs in…`);
    const laptop = await runLaptop({
      serverUrl: server.url,
      username: 'bench',
      password: TEST_PASSWORD,
      editIds: seeded.customerIds.slice(0, EDITS),
      timeoutMs: 30 * 60_000,
    });

    // The server really has every edit: pull everything and count them.
    let checkpoint: unknown;
    let edited = 0;
    for (;;) {
      const page = await manager.pull('customers', checkpoint, 1000);
      edited += page.documents.filter((d) => String((d as { note?: string }).note ?? '').startsWith('bench edit')).length;
      checkpoint = page.checkpoint;
      if (page.documents.length === 0) break;
    }

    const figures: Record<string, number | null> = {
      customers: CUSTOMERS,
      visits: CUSTOMERS * 3,
      seedSeconds: seeded.seconds,
      ...laptop,
      editsOnServer: edited,
    };
    console.log('');
    for (const [name, value] of Object.entries(figures)) {
      console.log(`${name.padEnd(22)} ${value === null ? 'n/a' : Number.isInteger(value) ? value : value.toFixed(2)}`);
    }
    console.log('');
    for (const t of TARGETS) {
      const value = figures[t.figure];
      const verdict = typeof value === 'number' && Number.isFinite(value) ? (value <= t.max ? 'PASS' : 'FAIL') : 'n/a';
      console.log(`${t.label.padEnd(40)} ≤ ${String(t.max).padEnd(5)} ${verdict}`);
    }
    if (edited !== EDITS) console.log(`edits on the server: ${edited} of ${EDITS} — FAIL`);
    console.log(JSON.stringify({ bench: 'sync', ...figures }));
  } finally {
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
