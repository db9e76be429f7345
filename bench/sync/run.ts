import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { Api, startServer } from '../server/client';
import { runLaptop, type EditsProbe } from './laptop';
import { seed } from './seed';

/**
 * `npm run bench:sync`: a fresh laptop (the built renderer in Debian's Chromium, its sync
 * worker, IndexedDB on disk) signs in to the sync server (PGlite on disk, or PostgreSQL at
 * DANGAN_BENCH_DATABASE_URL or DANGAN_TEST_DATABASE_URL, its own process) holding 100,000
 * customers and 300,000 visits, and pulls them: total time, time until the customers are in,
 * time until the status list shows rows, the longest task on the UI thread meanwhile, heap
 * at the end. Then it goes offline, edits 1,000 customers, reconnects: time until the server
 * has confirmed all of them. Prints a table, then one JSON object as the last line.
 *
 * DANGAN_BENCH_SYNC_CUSTOMERS (default 100000; visits are three per customer) and
 * DANGAN_BENCH_SYNC_EDITS (default 1000) scale it down for a quick look. DANGAN_RENDERER_DIR runs a
 * copy of a build (a rebuild of out/ by someone else then cannot change the app mid-run).
 */
const CUSTOMERS = Number(process.env['DANGAN_BENCH_SYNC_CUSTOMERS'] ?? 100_000);
const EDITS = Number(process.env['DANGAN_BENCH_SYNC_EDITS'] ?? 1000);
const DATABASE_URL = process.env['DANGAN_BENCH_DATABASE_URL'] || process.env['DANGAN_TEST_DATABASE_URL'] || undefined;
const ADMIN_PASSWORD = 'bench admin password';

const TARGETS = [
  { figure: 'customersSeconds', label: `${CUSTOMERS} customers pulled (s)`, max: 36 },
  { figure: 'listUsableSeconds', label: 'status list usable (s)', max: 5 },
  { figure: 'longestTaskMs', label: 'longest UI-thread task (ms)', max: 100 },
  { figure: 'editsUpSeconds', label: `${EDITS} edits up after reconnect (s)`, max: 2 },
] as const;

const log = (message: string) => process.stderr.write(`${message}\n`);

async function main(): Promise<void> {
  const rendererDir = process.env['DANGAN_RENDERER_DIR'] ?? path.resolve(import.meta.dirname, '../../out/renderer');
  if (!existsSync(path.join(rendererDir, 'index.html'))) {
    throw new Error('build the app first: npx electron-vite build');
  }
  const loadAtStart = loadavg()[0]!;
  const dataDir = mkdtempSync(path.join(tmpdir(), 'dangan-bench-sync-'));
  const schema = `bench_sync_${Date.now().toString(36)}`;
  const server = await startServer({
    DANGAN_DATA_DIR: dataDir,
    DANGAN_ADMIN_PASSWORD: ADMIN_PASSWORD,
    DANGAN_SCRYPT_COST: '12',
    DANGAN_LOGIN_MAX_PER_USER: '10000',
    DANGAN_LOGIN_MAX_PER_ADDRESS: '10000',
    ...(DATABASE_URL ? { DANGAN_DATABASE_URL: DATABASE_URL, DANGAN_DATABASE_SCHEMA: schema } : {}),
  });
  const statistics = DATABASE_URL ? new pg.Client({ connectionString: DATABASE_URL }) : null;
  await statistics?.connect();
  try {
    const admin = await Api.login(server.url, 'admin', ADMIN_PASSWORD, 'bench-seeder-1');
    log(`seeding ${CUSTOMERS} customers and ${CUSTOMERS * 3} visits (${DATABASE_URL ? 'PostgreSQL' : 'PGlite'})…`);
    const seeded = await seed(admin, CUSTOMERS, 'rep-1', 'team-1', async () => {
      await statistics?.query(`ANALYZE ${schema}.docs; ANALYZE ${schema}.audit`);
    });
    log(`seeded in ${seeded.seconds.toFixed(1)} s; a fresh laptop signs in…`);
    const laptop = await runLaptop({
      serverUrl: server.url,
      username: 'admin',
      password: ADMIN_PASSWORD,
      editIds: seeded.customerIds.slice(0, EDITS),
      edits: statistics ? sqlEditsProbe(statistics, schema) : editsProbe(admin),
      timeoutMs: 30 * 60_000,
    });
    const loadAtEnd = loadavg()[0]!;

    // The server really has every edit: pull everything and count them.
    const edited = new Set((await editedSince(admin, undefined)).ids).size;

    const figures: Record<string, number | null> = {
      customers: CUSTOMERS,
      visits: CUSTOMERS * 3,
      seedSeconds: seeded.seconds,
      ...laptop,
      editsOnServer: edited,
      loadAvg1mAtStart: loadAtStart,
      loadAvg1mAtEnd: loadAtEnd,
    };
    console.log('');
    for (const [name, value] of Object.entries(figures)) {
      console.log(`${name.padEnd(22)} ${value === null ? 'n/a' : Number.isInteger(value) ? value : value.toFixed(2)}`);
    }
    console.log('');
    for (const t of TARGETS) {
      const value = figures[t.figure];
      const verdict = typeof value === 'number' && Number.isFinite(value) ? (value <= t.max ? 'PASS' : 'FAIL') : 'n/a';
      const shown = typeof value === 'number' ? value.toFixed(2) : 'n/a';
      console.log(`${t.label.padEnd(40)} ${shown.padStart(9)}  ≤ ${String(t.max).padEnd(5)} ${verdict}`);
    }
    if (edited !== EDITS) console.log(`edits on the server: ${edited} of ${EDITS} — FAIL`);
    console.log(JSON.stringify({ bench: 'sync', ...figures }));
  } finally {
    await statistics?.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).catch(() => undefined);
    await statistics?.end();
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Pages through the server's customers after `checkpoint`: the ids the bench edited. */
async function editedSince(api: Api, checkpoint: unknown): Promise<{ ids: string[]; checkpoint: unknown }> {
  const ids: string[] = [];
  let at = checkpoint;
  for (;;) {
    const page = await api.pull('customers', at, 1000);
    for (const d of page.documents) if (String((d as { note?: string }).note ?? '').startsWith('bench edit')) ids.push(d.id);
    if (page.documents.length === 0) return { ids, checkpoint: at };
    at = page.checkpoint;
  }
}

/**
 * The edits' arrival as the server's database sees it (committed rows, as a pull would read
 * them), asked with one indexed query per poll: through the API, each poll pulled up to 1,000
 * customers (2 MB of JSON, 80–130 ms), which the figure then included.
 */
function sqlEditsProbe(client: pg.Client, schema: string): EditsProbe {
  let mark = '0';
  return {
    async mark() {
      const { rows } = await client.query<{ seq: string | null }>(
        `SELECT max(seq)::text AS seq FROM ${schema}.docs WHERE collection = 'customers'`,
      );
      mark = rows[0]?.seq ?? '0';
    },
    async arrived() {
      const { rows } = await client.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM ${schema}.docs
          WHERE collection = 'customers' AND seq > $1::bigint AND doc ->> 'note' LIKE 'bench edit %'`,
        [mark],
      );
      return rows[0]?.n ?? 0;
    },
  };
}

/** The same through the sync API (the server on PGlite, whose database only it can open). */
function editsProbe(api: Api): EditsProbe {
  let mark: unknown;
  const arrived = new Set<string>();
  return {
    async mark() {
      mark = (await editedSince(api, undefined)).checkpoint;
    },
    async arrived() {
      const next = await editedSince(api, mark);
      for (const id of next.ids) arrived.add(id);
      mark = next.checkpoint;
      return arrived.size;
    },
  };
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
