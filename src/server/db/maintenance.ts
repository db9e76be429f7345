import type { Database } from './types';

/**
 * PGlite runs PostgreSQL without its background workers, so nothing vacuums or analyzes: dead
 * row versions from updates would pile up and the planner would keep the statistics of an
 * empty database. This does autovacuum's job on a timer (PostgreSQL proper has autovacuum).
 * It briefly holds PGlite's single connection: about a second per 100,000 documents.
 */
export function startMaintenance(
  db: Database,
  intervalMs: number,
  log: { warn(obj: object, msg: string): void },
): () => void {
  if (db.kind !== 'pglite') return () => {};
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    db.exec('VACUUM (ANALYZE)')
      .catch((error: unknown) => log.warn({ err: error }, 'database maintenance failed'))
      .finally(() => {
        running = false;
      });
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
