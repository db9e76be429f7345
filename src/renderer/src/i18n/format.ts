import { currentLocale } from './index';

/**
 * One formatter per language and options: building an Intl formatter costs far more than
 * formatting with it, and the status list formats its counts on every change notice of a sync.
 */
const formatters = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();

function numberFormat(key: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const locale = currentLocale();
  const id = `n|${locale}|${key}`;
  let format = formatters.get(id) as Intl.NumberFormat | undefined;
  if (!format) {
    format = new Intl.NumberFormat(locale, options);
    formatters.set(id, format);
  }
  return format;
}

function dateFormat(withTime: boolean): Intl.DateTimeFormat {
  const locale = currentLocale();
  const id = `d|${locale}|${withTime}`;
  let format = formatters.get(id) as Intl.DateTimeFormat | undefined;
  if (!format) {
    format = new Intl.DateTimeFormat(locale, {
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      ...(withTime ? { hour: '2-digit', minute: '2-digit', hour12: false } : {}),
    });
    formatters.set(id, format);
  }
  return format;
}

/** Dates and numbers always follow the UI language, never the OS default. */
export function formatDate(ts: number | undefined, withTime = false): string {
  if (!ts) return '—';
  return dateFormat(withTime).format(ts);
}

export function formatNumber(value: number, fractionDigits = 0): string {
  return numberFormat(`f${fractionDigits}`, { minimumFractionDigits: fractionDigits, maximumFractionDigits: fractionDigits }).format(value);
}

export function formatMoney(value: number): string {
  return numberFormat('cny', { style: 'currency', currency: 'CNY' }).format(value);
}
