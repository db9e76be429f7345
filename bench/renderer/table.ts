import type { BenchModule, Figures } from './types';

function format(value: number | string | undefined): string {
  if (value === undefined) return '—';
  if (typeof value === 'string') return value;
  if (!Number.isFinite(value)) return String(value);
  return Math.abs(value) >= 100 ? value.toFixed(0) : value.toFixed(2);
}

/** Figures, then one line per target with its verdict. */
export function printTable(modules: readonly BenchModule[], figures: Figures): void {
  const names = Object.keys(figures);
  const width = Math.max(...names.map((n) => n.length), 10);
  console.log(`\n${'figure'.padEnd(width)}  value`);
  console.log(`${'-'.repeat(width)}  ${'-'.repeat(12)}`);
  for (const name of names) console.log(`${name.padEnd(width)}  ${format(figures[name])}`);
  console.log(`\n${'target'.padEnd(38)}  ${'measured'.padEnd(10)}  verdict`);
  for (const m of modules) {
    for (const t of m.targets) {
      const value = figures[t.figure];
      const base = t.relativeTo ? figures[t.relativeTo] : 1;
      const measured = typeof value === 'number' && typeof base === 'number' ? value / base : NaN;
      const verdict = Number.isFinite(measured) ? (measured <= t.max ? 'PASS' : 'FAIL') : 'n/a';
      const shown = t.relativeTo ? `${format(measured)}×` : format(measured);
      console.log(`${t.label.padEnd(38)}  ${shown.padEnd(10)}  ${verdict}`);
    }
  }
  console.log('');
}
