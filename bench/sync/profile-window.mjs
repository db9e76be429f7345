// Where a CPU profile written by DANGAN_BENCH_SYNC_PROFILE spent a window of its time: busy and
// idle seconds, then self time by function and total (inclusive) time by function, both top N.
// The bench's own summary covers the whole pull; this can look at the customers' part alone.
//   node bench/sync/profile-window.mjs <file.cpuprofile> [fromSeconds=0] [toSeconds=∞] [top=25]
import { readFileSync } from 'node:fs';

const [file, fromArg = '0', toArg, topArg = '25'] = process.argv.slice(2);
if (!file) {
  console.error('usage: node bench/sync/profile-window.mjs <file.cpuprofile> [fromSeconds] [toSeconds] [top]');
  process.exit(2);
}
const profile = JSON.parse(readFileSync(file, 'utf8'));
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const name = (n) => {
  const f = n.callFrame;
  return `${f.functionName || '(anonymous)'} ${f.url.split('/').pop()}:${f.lineNumber + 1}`;
};
const from = Number(fromArg) * 1e6;
const to = toArg === undefined ? Infinity : Number(toArg) * 1e6;
const top = Number(topArg);

const self = new Map();
const total = new Map();
let busy = 0;
let idle = 0;
let t = 0;
const samples = profile.samples ?? [];
const deltas = profile.timeDeltas ?? [];
for (let i = 0; i < samples.length; i++) {
  t += deltas[i] ?? 0;
  if (t < from || t > to) continue;
  const us = deltas[i + 1] ?? 0;
  const node = byId.get(samples[i]);
  if (node.callFrame.functionName === '(idle)') {
    idle += us;
    continue;
  }
  busy += us;
  const key = name(node);
  self.set(key, (self.get(key) ?? 0) + us);
  // Each function once per sample, however often it recurs in the stack.
  const seen = new Set();
  for (let at = samples[i]; at !== undefined; at = parent.get(at)) {
    const k = name(byId.get(at));
    if (seen.has(k)) continue;
    seen.add(k);
    total.set(k, (total.get(k) ?? 0) + us);
  }
}
const s = (us) => `${(us / 1e6).toFixed(2).padStart(7)} s`;
console.log(`window ${fromArg}–${toArg ?? 'end'} s: busy ${s(busy)}, idle ${s(idle)}`);
const list = (title, map) => {
  console.log(`── ${title}`);
  for (const [k, us] of [...map].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${s(us)}  ${k}`);
};
list('self time', self);
list('total time', total);
