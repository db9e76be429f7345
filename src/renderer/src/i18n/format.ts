import { currentLocale } from './index';

/** Dates and numbers always follow the UI language, never the OS default. */
export function formatDate(ts: number | undefined, withTime = false): string {
  if (!ts) return '—';
  return new Intl.DateTimeFormat(currentLocale(), {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    ...(withTime ? { hour: '2-digit', minute: '2-digit', hour12: false } : {}),
  }).format(ts);
}

export function formatNumber(value: number, fractionDigits = 0): string {
  return new Intl.NumberFormat(currentLocale(), {
    minimumFractionDigits: fractionDigits,
    maximumFractionDigits: fractionDigits,
  }).format(value);
}

export function formatMoney(value: number): string {
  return new Intl.NumberFormat(currentLocale(), { style: 'currency', currency: 'CNY' }).format(value);
}
