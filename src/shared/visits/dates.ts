/**
 * Calendar arithmetic for plans and visits. Plans speak in local dates (`YYYY-MM-DD`) and
 * months because that is how reps plan; visits store epoch milliseconds. Both meet here, in
 * the laptop's local time zone.
 */

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
export const DAY_MS = 86_400_000;

export interface Range {
  /** Inclusive, epoch ms. */
  start: number;
  /** Exclusive, epoch ms. */
  end: number;
}

export function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

/** Parses `YYYY-MM-DD` into local midnight, or null when it is not a real date. */
export function parseLocalDate(value: string): number | null {
  const m = DATE_RE.exec(value);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(y, mo - 1, d);
  if (date.getFullYear() !== y || date.getMonth() !== mo - 1 || date.getDate() !== d) return null;
  return date.getTime();
}

export function isLocalDate(value: string): boolean {
  return parseLocalDate(value) !== null;
}

export function toLocalDate(ts: number): string {
  const d = new Date(ts);
  return `${d.getFullYear()}-${pad2(d.getMonth() + 1)}-${pad2(d.getDate())}`;
}

/** `YYYY-MM-DD HH:mm` in local time: how amendments and printed forms show a time. */
export function toLocalDateTime(ts: number): string {
  const d = new Date(ts);
  return `${toLocalDate(ts)} ${pad2(d.getHours())}:${pad2(d.getMinutes())}`;
}

export function startOfLocalDay(ts: number): number {
  const d = new Date(ts);
  return new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
}

/** The month `month` (1–12) of `year`; month 0 means the whole year. */
export function periodRange(year: number, month: number): Range {
  if (month === 0)
    return { start: new Date(year, 0, 1).getTime(), end: new Date(year + 1, 0, 1).getTime() };
  return { start: new Date(year, month - 1, 1).getTime(), end: new Date(year, month, 1).getTime() };
}

export function monthOf(ts: number): { year: number; month: number } {
  const d = new Date(ts);
  return { year: d.getFullYear(), month: d.getMonth() + 1 };
}

export function daysInMonth(year: number, month: number): number {
  return new Date(year, month, 0).getDate();
}

export function inRange(ts: number, range: Range): boolean {
  return ts >= range.start && ts < range.end;
}
