import type { Migration } from '../migrate';

/**
 * Custom plans for every call of dangan_apply_push: after five calls PL/pgSQL switches to
 * generic plans, which know neither the collection nor the batch and pick whole-table scans
 * (seconds per push at 100,000 documents).
 */
export const m0003: Migration = {
  version: 3,
  name: 'custom-plans',
  sql: `ALTER FUNCTION dangan_apply_push(json) SET plan_cache_mode = force_custom_plan;`,
};
