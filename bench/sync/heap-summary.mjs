// Summarizes a V8 heap snapshot (bench:sync's DANGAN_BENCH_SYNC_HEAP): self size and count by
// node type and constructor name, largest first. `node bench/sync/heap-summary.mjs <file> [top]`
import { readFileSync } from 'node:fs';

const [file, topArg] = process.argv.slice(2);
if (!file) {
  console.error('usage: node bench/sync/heap-summary.mjs <file.heapsnapshot> [top]');
  process.exit(2);
}
const top = Number(topArg ?? 40);
const snapshot = JSON.parse(readFileSync(file, 'utf8'));
const { node_fields: fields, node_types: types } = snapshot.snapshot.meta;
const width = fields.length;
const typeAt = fields.indexOf('type');
const nameAt = fields.indexOf('name');
const sizeAt = fields.indexOf('self_size');
const typeNames = types[typeAt];
const { nodes, strings } = snapshot;
const groups = new Map();
let total = 0;
let count = 0;
for (let i = 0; i < nodes.length; i += width) {
  const type = typeNames[nodes[i + typeAt]];
  const size = nodes[i + sizeAt];
  // Strings, numbers and code are grouped by type; objects and arrays by constructor.
  const name = type === 'object' || type === 'closure' || type === 'native' ? `${type} ${strings[nodes[i + nameAt]]}` : `(${type})`;
  const g = groups.get(name) ?? { size: 0, count: 0 };
  g.size += size;
  g.count += 1;
  groups.set(name, g);
  total += size;
  count += 1;
}
console.log(`${(total / 1048576).toFixed(1)} MB in ${count} nodes`);
for (const [name, g] of [...groups].sort((a, b) => b[1].size - a[1].size).slice(0, top)) {
  console.log(`${(g.size / 1048576).toFixed(2).padStart(8)} MB ${String(g.count).padStart(9)}  ${name.slice(0, 100)}`);
}
