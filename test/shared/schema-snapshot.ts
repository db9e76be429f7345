import { createHash } from 'node:crypto';
import { COLLECTION_NAMES, migrationStrategies, schemas } from '../../src/shared/schema';

export type SchemaSnapshot = Record<string, { version: number; hash: string }>;

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, v]) => [k, canonical(v)]),
    );
  }
  return value;
}

export function snapshotOf(): SchemaSnapshot {
  return Object.fromEntries(
    COLLECTION_NAMES.map((name) => [
      name,
      {
        version: schemas[name].version,
        hash: createHash('sha256').update(JSON.stringify(canonical(schemas[name]))).digest('hex').slice(0, 16),
      },
    ]),
  );
}

export interface SnapshotProblem {
  collection: string;
  kind: 'went-back' | 'changed-without-bump' | 'missing-migration' | 'stray-migration' | 'bumped' | 'removed';
  message: string;
}

/** Versions only move forward, and every step forward has its migration. */
export function compareWithSnapshot(previous: SchemaSnapshot): SnapshotProblem[] {
  const current = snapshotOf();
  const problems: SnapshotProblem[] = [];
  for (const [collection, before] of Object.entries(previous)) {
    const now = current[collection];
    if (!now) {
      problems.push({ collection, kind: 'removed', message: 'a shipped collection was removed' });
      continue;
    }
    if (now.version < before.version) {
      problems.push({ collection, kind: 'went-back', message: `version went back from ${before.version} to ${now.version}` });
    } else if (now.version === before.version && now.hash !== before.hash) {
      problems.push({
        collection,
        kind: 'changed-without-bump',
        message: `schema changed but version stayed ${now.version}: bump it and add a migration strategy`,
      });
    } else if (now.version > before.version) {
      problems.push({ collection, kind: 'bumped', message: `version ${before.version} → ${now.version}` });
      for (let v = before.version + 1; v <= now.version; v++) {
        if (typeof migrationStrategies[collection]?.[v] !== 'function') {
          problems.push({ collection, kind: 'missing-migration', message: `no migration strategy to version ${v}` });
        }
      }
    }
  }
  for (const [collection, strategies] of Object.entries(migrationStrategies)) {
    for (const v of Object.keys(strategies).map(Number)) {
      const version = current[collection]?.version ?? 0;
      if (!(v >= 1 && v <= version)) {
        problems.push({ collection, kind: 'stray-migration', message: `strategy for version ${v} but schema is at ${version}` });
      }
    }
  }
  return problems;
}
