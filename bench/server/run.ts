import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { Api, percentile, startServer } from './client';
import { makeCustomer, random } from './generate';

/**
 * `npm run bench:server`: the sync server (in its own process, over real HTTP on 127.0.0.1)
 * on PGlite, and on PostgreSQL when DANGAN_BENCH_DATABASE_URL or DANGAN_TEST_DATABASE_URL is
 * set. Measures the initial pull of 100,000 customers by one client, push throughput of 50
 * concurrent clients writing 20 documents each per round, and the delay from a push by client
 * A to the stream event at client B. Prints a table, then one JSON object as the last line.
 *
 * DANGAN_BENCH_DOCS changes the number of customers (default 100000); DANGAN_BENCH_ONLY=pglite
 * or postgres runs one database. DANGAN_BENCH_PROFILE=<folder> writes the server's CPU profile there;
 * DANGAN_BENCH_ROUNDS_LOG=1 prints the time of each push round.
 */

const DOCS = Number(process.env['DANGAN_BENCH_DOCS'] ?? 100_000);
const PROFILE_DIR = process.env['DANGAN_BENCH_PROFILE'];
const ROUNDS_LOG = Boolean(process.env['DANGAN_BENCH_ROUNDS_LOG']);
const PULL_LIMIT = 1000;
const SEED_BATCH = 1000;
const CLIENTS = 50;
const DOCS_PER_PUSH = 20;
const ROUNDS = 10;
const EVENT_SAMPLES = 200;
const ADMIN_PASSWORD = 'bench admin password';

interface Figures {
  database: 'pglite' | 'postgres';
  seedDocsPerSec: number;
  pullDocs: number;
  pullDocsPerSec: number;
  pushClients: number;
  pushDocsPerSec: number;
  pushRequestP95Ms: number;
  pushRoundP95Ms: number;
  eventP50Ms: number;
  eventP95Ms: number;
}

const round1 = (n: number) => Math.round(n * 10) / 10;
const log = (message: string) => process.stderr.write(`${message}\n`);

async function bench(database: 'pglite' | 'postgres', url?: string): Promise<Figures> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'dangan-bench-'));
  const schema = `bench_${randomBytes(4).toString('hex')}`;
  const server = await startServer(
    {
      DANGAN_DATA_DIR: dataDir,
      DANGAN_ADMIN_PASSWORD: ADMIN_PASSWORD,
      DANGAN_SCRYPT_COST: '12',
      DANGAN_LOGIN_MAX_PER_USER: '10000',
      DANGAN_LOGIN_MAX_PER_ADDRESS: '10000',
      DANGAN_PG_POOL_SIZE: '20',
      ...(url ? { DANGAN_DATABASE_URL: url, DANGAN_DATABASE_SCHEMA: schema } : {}),
    },
    PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`] : [],
  );
  try {
    const rand = random(42);
    const admin = await Api.login(server.url, 'admin', ADMIN_PASSWORD, 'bench-seeder');

    log(`[${database}] seeding ${DOCS} customers…`);
    let started = performance.now();
    for (let i = 0; i < DOCS; i += SEED_BATCH) {
      const rows = [];
      for (let j = i; j < Math.min(DOCS, i + SEED_BATCH); j++) {
        rows.push({
          newDocumentState: { ...makeCustomer(rand, j, 'rep-1', 'team-1'), _deleted: false },
        });
      }
      const conflicts = await admin.push('customers', rows);
      if (conflicts.length) throw new Error(`seeding: ${conflicts.length} refused`);
    }
    const seedDocsPerSec = DOCS / ((performance.now() - started) / 1000);
    if (url) {
      // What one does after a bulk load, so that the phases measured next are not the load's
      // aftermath. Without ANALYZE they depend on when autovacuum gets to the loaded tables:
      // until then the planner has the statistics of a nearly empty table and reads a push's
      // documents by walking the whole collection (one run: 40 ms per push read, 848 docs/s),
      // with plans made per call as with reused ones. Without CHECKPOINT the load's dirty pages
      // are written back during the pushes: rounds fell from 420 to 230 ms as it went on.
      log(`[${database}] VACUUM (ANALYZE) and CHECKPOINT after the load…`);
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query(`VACUUM (ANALYZE) ${schema}.docs, ${schema}.audit`);
        await client.query('CHECKPOINT').catch((error: Error) => {
          log(
            `[${database}] no CHECKPOINT (${error.message}): the pushes may pay for the load's writes`,
          );
        });
      } finally {
        await client.end();
      }
    }

    log(`[${database}] initial pull…`);
    const reader = await Api.login(server.url, 'admin', ADMIN_PASSWORD, 'bench-reader');
    started = performance.now();
    let checkpoint: unknown;
    let pulled = 0;
    for (;;) {
      const page = await reader.pull('customers', checkpoint, PULL_LIMIT);
      pulled += page.documents.length;
      checkpoint = page.checkpoint;
      if (page.documents.length === 0) break;
    }
    const pullSeconds = (performance.now() - started) / 1000;
    if (pulled !== DOCS) throw new Error(`pulled ${pulled}, expected ${DOCS}`);

    log(`[${database}] push: ${CLIENTS} clients × ${ROUNDS} rounds × ${DOCS_PER_PUSH} docs…`);
    const clients = await Promise.all(
      Array.from({ length: CLIENTS }, (_, i) =>
        Api.login(server.url, 'admin', ADMIN_PASSWORD, `bench-writer-${i}`),
      ),
    );
    // Every round's rows are made before the clock starts: the server's throughput is measured,
    // not the bench's document generator. After the first round half of each push edits the
    // client's own earlier documents (with the right assumed state), half creates new ones.
    const rounds: {
      assumedMasterState?: unknown;
      newDocumentState: Record<string, unknown>;
    }[][][] = [];
    const owned: Record<string, unknown>[][] = clients.map(() => []);
    for (let round = 0; round < ROUNDS; round++) {
      rounds.push(
        clients.map((_, c) => {
          const mine = owned[c] as Record<string, unknown>[];
          const rows: {
            assumedMasterState?: unknown;
            newDocumentState: Record<string, unknown>;
          }[] = [];
          const edits = round === 0 ? 0 : DOCS_PER_PUSH / 2;
          for (let e = 0; e < edits; e++) {
            const index = Math.floor(rand() * mine.length);
            const current = mine[index] as Record<string, unknown>;
            if (rows.some((r) => r.newDocumentState['id'] === current['id'])) continue;
            const next = { ...current, points: (current['points'] as number) + 1 };
            rows.push({ assumedMasterState: current, newDocumentState: next });
            mine[index] = next;
          }
          while (rows.length < DOCS_PER_PUSH) {
            const doc = {
              ...makeCustomer(rand, DOCS + c * 1000 + mine.length, 'rep-1', 'team-1'),
              _deleted: false,
            };
            rows.push({ newDocumentState: doc });
            mine.push(doc);
          }
          return rows;
        }),
      );
    }
    // Serialized before the clock starts too, as a laptop's request is made on the laptop.
    const bodies = rounds.map((round) => round.map((rows) => JSON.stringify(rows)));
    const requestMs: number[] = [];
    const roundMs: number[] = [];
    let pushed = 0;
    started = performance.now();
    for (const [r, round] of rounds.entries()) {
      const roundStart = performance.now();
      await Promise.all(
        clients.map(async (client, c) => {
          const rows = round[c] as unknown[];
          const t0 = performance.now();
          const conflicts = await client.pushText('customers', bodies[r]![c]!);
          requestMs.push(performance.now() - t0);
          if (conflicts.length) throw new Error(`push: ${conflicts.length} conflicts`);
          pushed += rows.length;
        }),
      );
      roundMs.push(performance.now() - roundStart);
      if (ROUNDS_LOG) log(`  round ${r + 1}: ${Math.round(roundMs[roundMs.length - 1]!)} ms`);
    }
    const pushDocsPerSec = pushed / ((performance.now() - started) / 1000);

    log(`[${database}] push-to-event latency (${EVENT_SAMPLES} samples)…`);
    const writer = clients[0] as Api;
    const listener = await Api.login(server.url, 'admin', ADMIN_PASSWORD, 'bench-listener');
    const arrivals = new Map<string, number>();
    let ready!: () => void;
    const resynced = new Promise<void>((resolve) => (ready = resolve));
    const close = await listener.stream((message, at) => {
      if (message === 'RESYNC') ready();
      else
        for (const doc of (message as { documents: { id: string }[] }).documents)
          arrivals.set(doc.id, at);
    });
    await resynced;
    const eventMs: number[] = [];
    for (let i = 0; i < EVENT_SAMPLES; i++) {
      const doc = { ...makeCustomer(rand, DOCS + 900_000 + i, 'rep-1', 'team-1'), _deleted: false };
      const t0 = performance.now();
      await writer.push('customers', [{ newDocumentState: doc }]);
      const deadline = performance.now() + 5000;
      while (!arrivals.has(doc.id) && performance.now() < deadline)
        await new Promise((r) => setTimeout(r, 0));
      const at = arrivals.get(doc.id);
      if (at === undefined) throw new Error('a stream event never arrived');
      eventMs.push(at - t0);
      await new Promise((r) => setTimeout(r, 10));
    }
    close();

    return {
      database,
      seedDocsPerSec: Math.round(seedDocsPerSec),
      pullDocs: pulled,
      pullDocsPerSec: Math.round(pulled / pullSeconds),
      pushClients: CLIENTS,
      pushDocsPerSec: Math.round(pushDocsPerSec),
      pushRequestP95Ms: round1(percentile(requestMs, 95)),
      pushRoundP95Ms: round1(percentile(roundMs, 95)),
      eventP50Ms: round1(percentile(eventMs, 50)),
      eventP95Ms: round1(percentile(eventMs, 95)),
    };
  } finally {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
    if (url) {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await client.end();
    }
  }
}

const BASELINE = {
  pullDocsPerSec: 2772,
  pushDocsPerSec: 1170,
  pushRoundP95Ms: 1031,
  eventP95Ms: 24.5,
};
const TARGETS = { pullDocsPerSec: 10_000, pushDocsPerSec: 3000, eventP95Ms: 25 };

function table(results: Figures[]): string {
  const rows: [string, (f: Figures) => string, string][] = [
    [
      'initial pull (docs/s)',
      (f) => `${f.pullDocsPerSec} (${f.pullDocs} docs)`,
      `${BASELINE.pullDocsPerSec} / ≥ ${TARGETS.pullDocsPerSec}`,
    ],
    [
      'push, 50 clients (docs/s)',
      (f) => String(f.pushDocsPerSec),
      `${BASELINE.pushDocsPerSec} / ≥ ${TARGETS.pushDocsPerSec}`,
    ],
    ['push round p95 (ms)', (f) => String(f.pushRoundP95Ms), `${BASELINE.pushRoundP95Ms}`],
    ['push request p95 (ms)', (f) => String(f.pushRequestP95Ms), '-'],
    ['push → event p50 (ms)', (f) => String(f.eventP50Ms), '-'],
    [
      'push → event p95 (ms)',
      (f) => String(f.eventP95Ms),
      `${BASELINE.eventP95Ms} / ≤ ${TARGETS.eventP95Ms}`,
    ],
    ['seeding, 1 client × 1000/push (docs/s)', (f) => String(f.seedDocsPerSec), '-'],
  ];
  const header = ['measure', ...results.map((r) => r.database), 'PouchDB/CouchDB / target'];
  const body = rows.map(([name, value, ref]) => [name, ...results.map(value), ref]);
  const widths = header.map((_, i) =>
    Math.max(...[header, ...body].map((r) => (r[i] ?? '').length)),
  );
  const line = (cells: string[]) =>
    `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)].join('\n');
}

const postgresUrl =
  process.env['DANGAN_BENCH_DATABASE_URL'] || process.env['DANGAN_TEST_DATABASE_URL'] || undefined;
const only = process.env['DANGAN_BENCH_ONLY'];
if (only === 'postgres' && !postgresUrl) {
  throw new Error(
    'DANGAN_BENCH_ONLY=postgres needs DANGAN_BENCH_DATABASE_URL (or DANGAN_TEST_DATABASE_URL)',
  );
}
const results: Figures[] = [];
if (only !== 'postgres') results.push(await bench('pglite'));
if (postgresUrl && only !== 'pglite') results.push(await bench('postgres', postgresUrl));
process.stdout.write(`${table(results)}\n`);
const summary = Object.fromEntries(results.map((r) => [r.database, r]));
process.stdout.write(`${JSON.stringify({ bench: 'server', docs: DOCS, ...summary })}\n`);
