// The longest busy stretches of a CPU profile written by DANGAN_BENCH_SYNC_PROFILE: runs of
// samples that are not "(idle)", each with its time from the profile's start, its length and
// what ran in it (self time by function, and the outermost frames). A long task of the page is
// one such stretch; the bench prints when its long tasks came, this says what they were.
//   node bench/sync/profile-stretches.mjs <file.cpuprofile> [count=8] [fromSeconds] [toSeconds]
import { readFileSync } from 'node:fs';

const [file, countArg = '8', fromArg, toArg] = process.argv.slice(2);
if (!file) {
  console.error('usage: node bench/sync/profile-stretches.mjs <file.cpuprofile> [count] [fromSeconds] [toSeconds]');
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
/** The frames from the root's child (the task's entry) down to the sampled one. */
const stack = (id) => {
  const out = [];
  for (let at = id; at !== undefined; at = parent.get(at)) out.push(byId.get(at));
  return out.reverse().slice(1);
};

// A gap of idle shorter than this does not end a stretch (a task's microtasks, sampling jitter).
const JOIN_US = 1000;
const samples = profile.samples ?? [];
const deltas = profile.timeDeltas ?? [];
const from = fromArg === undefined ? -Infinity : Number(fromArg) * 1e6;
const to = toArg === undefined ? Infinity : Number(toArg) * 1e6;
const stretches = [];
let t = 0;
let current = null;
for (let i = 0; i < samples.length; i++) {
  t += deltas[i] ?? 0;
  const node = byId.get(samples[i]);
  const fn = node.callFrame.functionName;
  const idle = fn === '(idle)';
  if (idle) {
    if (current && t - current.end > JOIN_US) {
      stretches.push(current);
      current = null;
    }
    continue;
  }
  const us = deltas[i + 1] ?? 0;
  if (!current) current = { start: t, end: t, busy: 0, ids: [] };
  current.end = t + us;
  current.busy += us;
  current.ids.push([samples[i], us]);
}
if (current) stretches.push(current);

const chosen = stretches
  .filter((s) => s.start >= from && s.start <= to)
  .sort((a, b) => b.busy - a.busy)
  .slice(0, Number(countArg));
for (const s of chosen) {
  console.log(`\n${(s.start / 1e6).toFixed(2)} s: ${((s.end - s.start) / 1000).toFixed(0)} ms long, ${(s.busy / 1000).toFixed(0)} ms busy`);
  const self = new Map();
  const entry = new Map();
  for (const [id, us] of s.ids) {
    const node = byId.get(id);
    self.set(name(node), (self.get(name(node)) ?? 0) + us);
    const frames = stack(id).slice(0, 4).map(name).join(' > ');
    entry.set(frames, (entry.get(frames) ?? 0) + us);
  }
  const top = (m, n) => [...m.entries()].sort((a, b) => b[1] - a[1]).slice(0, n);
  for (const [key, us] of top(self, 8)) console.log(`  self ${(us / 1000).toFixed(1).padStart(7)} ms  ${key}`);
  for (const [key, us] of top(entry, 5)) console.log(`  from ${(us / 1000).toFixed(1).padStart(7)} ms  ${key}`);
}
