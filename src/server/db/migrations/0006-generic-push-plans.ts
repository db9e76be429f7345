import type { Migration } from '../migrate';

/**
 * dangan_apply_push plans its statements once per connection instead of with every call. 0003
 * asked for custom plans because generic ones read the whole documents table: a generic plan is
 * made with the table sizes of its moment, and on a new server's empty tables a sequential scan
 * is cheapest, a choice kept as the tables grow. Made without sequential scans (enable_seqscan
 * off while the function runs), every statement here finds its rows by key, whatever the values
 * and sizes; and the half millisecond a push spent planning, part of it while holding the
 * sequence counter, is gone. The function body is 0005's.
 */
export const m0006: Migration = {
  version: 6,
  name: 'generic-push-plans',
  sql: `
ALTER FUNCTION dangan_apply_push(json) SET plan_cache_mode = force_generic_plan;
ALTER FUNCTION dangan_apply_push(json) SET enable_seqscan = off;
`,
};
