/**
 * Migration strategies per collection and target version. Versions only move forward: a
 * schema change bumps `version` and adds the function that lifts a document from the version
 * before. test/shared/schema-versions.test.ts compares every schema with the committed
 * snapshot and fails on a change without a bump, a bump without a strategy, or a step back.
 */
type Migration = (oldDoc: Record<string, unknown>) => Record<string, unknown> | null;

export const migrationStrategies: Record<string, Record<number, Migration>> = {
  customers: {},
  credit: {},
  transactions: {},
  plans: {},
  visits: {},
  cases: {},
  responses: {},
  tasks: {},
  requests: {},
  attachments: {},
  reference: {},
  local: {},
};
