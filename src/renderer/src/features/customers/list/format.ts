import { currentLocale } from '../../../i18n';

let cached: { locale: string; format: Intl.DateTimeFormat } | null = null;

/** A date for a list cell: one formatter per language, not one per cell (scrolling at 60 fps). */
export function listDate(ts: number): string {
  if (!ts) return '—';
  const locale = currentLocale();
  if (cached?.locale !== locale) {
    cached = { locale, format: new Intl.DateTimeFormat(locale, { year: 'numeric', month: '2-digit', day: '2-digit' }) };
  }
  return cached.format.format(ts);
}
