import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareWithSnapshot, snapshotOf, type SchemaSnapshot } from './schema-snapshot';

const snapshot = JSON.parse(
  readFileSync(path.resolve(import.meta.dirname, 'schema-snapshot.json'), 'utf8'),
) as SchemaSnapshot;

describe('schema versions', () => {
  it('only move forward, and every change since the snapshot has a version bump and a migration', () => {
    const problems = compareWithSnapshot(snapshot).filter((p) => p.kind !== 'bumped');
    expect(problems).toEqual([]);
  });

  it('catch a schema edited without a bump, and a version that went back', () => {
    const current = snapshotOf();
    const edited = { ...current, customers: { ...current['customers']!, hash: 'something-else' } };
    expect(compareWithSnapshot(edited).map((p) => p.kind)).toContain('changed-without-bump');
    const ahead = { ...current, visits: { ...current['visits']!, version: current['visits']!.version + 1 } };
    expect(compareWithSnapshot(ahead).map((p) => p.kind)).toContain('went-back');
    const behind = { ...current, tasks: { ...current['tasks']!, version: -1 } };
    expect(compareWithSnapshot(behind).map((p) => p.kind)).toContain('missing-migration');
  });
});
