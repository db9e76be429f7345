/**
 * Records each collection's schema version and a hash of its content in
 * test/shared/schema-snapshot.json. Refuses to record a version that went back, or a changed
 * schema that kept its version: shipped databases could not open it.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { compareWithSnapshot, snapshotOf, type SchemaSnapshot } from '../test/shared/schema-snapshot';

const file = path.resolve(import.meta.dirname, '../test/shared/schema-snapshot.json');
const previous = JSON.parse(readFileSync(file, 'utf8')) as SchemaSnapshot;
const problems = compareWithSnapshot(previous).filter((p) => p.kind !== 'bumped');
if (problems.length > 0) {
  for (const p of problems) console.error(`${p.collection}: ${p.message}`);
  process.exit(1);
}
writeFileSync(file, JSON.stringify(snapshotOf(), null, 2) + '\n');
console.log('schema snapshot written');
