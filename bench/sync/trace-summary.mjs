// node bench/sync/trace-summary.mjs <trace.json> [top=40]: time in trace events by process/thread
// and event name (complete events and B/E pairs; nested events count in both).
import { readFileSync } from 'node:fs';

const trace = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const top = Number(process.argv[3] ?? 40);
const events = Array.isArray(trace) ? trace : trace.traceEvents;
const threads = new Map();
const processes = new Map();
for (const e of events) {
  if (e.ph !== 'M') continue;
  if (e.name === 'thread_name') threads.set(`${e.pid}:${e.tid}`, e.args.name);
  if (e.name === 'process_name') processes.set(e.pid, e.args.name);
}
const total = new Map();
const open = new Map();
const add = (e, dur) => {
  const where = `${processes.get(e.pid) ?? e.pid}/${threads.get(`${e.pid}:${e.tid}`) ?? e.tid}`;
  const key = `${where}  ${e.name}`;
  const t = total.get(key) ?? { ms: 0, n: 0 };
  t.ms += dur / 1000;
  t.n += 1;
  total.set(key, t);
};
for (const e of events) {
  if (e.ph === 'X' && typeof e.dur === 'number') add(e, e.dur);
  else if (e.ph === 'B') {
    const k = `${e.pid}:${e.tid}`;
    (open.get(k) ?? open.set(k, []).get(k)).push(e);
  } else if (e.ph === 'E') {
    const b = open.get(`${e.pid}:${e.tid}`)?.pop();
    if (b) add(b, e.ts - b.ts);
  }
}
for (const [key, t] of [...total].sort((a, b) => b[1].ms - a[1].ms).slice(0, top)) {
  console.log(`${t.ms.toFixed(0).padStart(9)} ms ${String(t.n).padStart(8)}×  ${key}`);
}
