import { currentLocale } from './index';

/**
 * One formatter per language and options: building an Intl formatter costs far more than
 * formatting with it, and the status list formats its counts on every change notice of a sync.
 */
const formatters = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();

function cached<F extends Intl.NumberFormat | Intl.DateTimeFormat>(key: string, make: (locale: string) => F): F {
  const locale = currentLocale();
  const id = `${locale}|${key}`;
  let format = formatters.get(id) as F | undefined;
  if (!format) {
    format = make(locale);
    formatters.set(id, format);
  }
  return format;
}

function numberFormat(key: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  return cached(`n|${key}`, (locale) => new Intl.NumberFormat(locale, options));
}

function dateFormat(withTime: boolean): Intl.DateTimeFormat {
  return cached(
    `d|${withTime}`,
    (locale) =>
      new Intl.DateTimeFormat(locale, {
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        ...(withTime ? { hour: '2-digit', minute: '2-digit', hour12: false } : {}),
      }),
  );
}

/** Dates and numbers always follow the UI language, never the OS default. */
export function formatDate(ts: number | undefined, withTime = false): string {
  if (!ts) return '—';
  return dateFormat(withTime).format(ts);
}

export function formatNumber(value: number, fractionDigits = 0): string {
  return numberFormat(`f${fractionDigits}`, {
    minimumFractionDigits: fractionDigits,
    maximumFractionDigits: fractionDigits,
  }).format(value);
}

export function formatMoney(value: number): string {
  return numberFormat('cny', { style: 'currency', currency: 'CNY' }).format(value);
}
