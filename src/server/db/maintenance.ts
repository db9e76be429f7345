import type { Database } from './types';

/** How often the embedded database checks whether its statistics went stale. */
const CHECK_MS = 30_000;

/**
 * PGlite runs PostgreSQL without its background workers, so nothing vacuums or analyzes: dead
 * row versions from updates would pile up and the planner would keep the statistics of an
 * empty database (a pull that is fast at 10,000 documents crawls at 100,000). This does
 * autovacuum's job: ANALYZE once a table changed by 10 % since it was last analyzed (checked
 * every 30 s), VACUUM (ANALYZE) every `intervalMs`. PostgreSQL proper has autovacuum.
 * Each run briefly holds PGlite's single connection: about a second per 100,000 documents.
 */
export function startMaintenance(
  db: Database,
  intervalMs: number,
  log: { warn(obj: object, msg: string): void },
  checkMs = CHECK_MS,
): () => void {
  if (db.kind !== 'pglite') return () => {};
  let running = false;
  let lastVacuum = Date.now();
  const work = async () => {
    if (Date.now() - lastVacuum >= intervalMs) {
      lastVacuum = Date.now();
      await db.exec('VACUUM (ANALYZE)');
      return;
    }
    const stale = await db.query<{ name: string }>(
      `SELECT quote_ident(relname) AS name FROM pg_stat_user_tables
        WHERE schemaname = current_schema() AND n_mod_since_analyze > 50 + 0.1 * n_live_tup`,
    );
    if (stale.length > 0) await db.exec(`ANALYZE ${stale.map((t) => t.name).join(', ')}`);
  };
  const timer = setInterval(
    () => {
      if (running) return;
      running = true;
      work()
        .catch((error: unknown) => log.warn({ err: error }, 'database maintenance failed'))
        .finally(() => {
          running = false;
        });
    },
    Math.min(checkMs, intervalMs),
  );
  timer.unref();
  return () => clearInterval(timer);
}
