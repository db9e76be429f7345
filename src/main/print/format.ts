import type { Locale } from '../../shared/ipc/app';

const pad = (n: number) => String(n).padStart(2, '0');

/** YYYY-MM-DD in the machine's time zone (the office's), '' for absent or zero times. */
export function formatDate(ms: number | undefined): string {
  if (!ms) return '';
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

export function formatDateTime(ms: number | undefined): string {
  if (!ms) return '';
  const d = new Date(ms);
  return `${formatDate(ms)} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export function formatMoney(amount: number | undefined, locale: Locale): string {
  if (amount === undefined) return '';
  return new Intl.NumberFormat(locale, { style: 'currency', currency: 'CNY', minimumFractionDigits: 2 }).format(amount);
}

export function formatNumber(value: number, locale: Locale): string {
  return new Intl.NumberFormat(locale).format(value);
}

export function formatBytes(size: number): string {
  if (size < 1024) return `${size} B`;
  const units = ['KB', 'MB', 'GB'];
  let value = size / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

/** Keeps the first 6 and last 4 characters of an ID number (region and check digits). */
export function maskIdNumber(id: string | undefined): string {
  if (!id) return '';
  if (id.length <= 10) return id.replace(/.(?=.{2})/g, '*');
  return `${id.slice(0, 6)}${'*'.repeat(id.length - 10)}${id.slice(-4)}`;
}

/** "Cabinet A · shelf 3 · box 12", or '' when the file has no place yet. */
export function formatLocation(
  location: { cabinet: string; shelf: string; box: string },
  locale: Locale,
): string {
  const parts =
    locale === 'zh-CN'
      ? [location.cabinet && `${location.cabinet} 柜`, location.shelf && `${location.shelf} 层`, location.box && `${location.box} 盒`]
      : [location.cabinet && `Cabinet ${location.cabinet}`, location.shelf && `shelf ${location.shelf}`, location.box && `box ${location.box}`];
  return parts.filter(Boolean).join(locale === 'zh-CN' ? ' ' : ' · ');
}
