import { enumLabel } from '../labels';
import { qrSvg, recordUri } from '../qr';
import type { ModelBuilder } from './types';

/** Labels per A4 page: 2 × 6 stick-on labels, or 5 spine strips side by side. */
export const LABELS_PER_PAGE = { sheet: 12, spine: 5 } as const;

/**
 * How wide a name prints, in CJK character widths: a Chinese (or other full-width) character
 * is 1, a Latin letter, digit or sign a little over half (serif capitals are wide). The print
 * window runs no script to measure text, so the font size is chosen from this.
 */
export function nameWidth(name: string): number {
  let width = 0;
  for (const ch of name) width += /[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef\u{20000}-\u{3ffff}]/u.test(ch) ? 1 : 0.6;
  return width;
}

/**
 * A font-size step (style.css `--xl` … `--xs`) so the whole name fits: in one column down the
 * spine (about 170 mm), or in the lines a stick-on label has room for (about 55 mm wide). The
 * limits are how many full-width characters each size fits.
 */
export function nameFit(name: string, variant: 'sheet' | 'spine'): 'xl' | 'l' | 'm' | 's' | 'xs' {
  const width = nameWidth(name);
  const limits = variant === 'spine' ? [17, 21, 26, 35] : [16, 20, 40, 70];
  const steps = ['xl', 'l', 'm', 's'] as const;
  return steps.find((_, i) => width <= limits[i]!) ?? 'xs';
}

/** 档案标签: name, code, location and QR for each folder, paginated onto A4 sheets. */
export const archiveLabelModel: ModelBuilder<'archive-label'> = {
  model: 'archive-label',
  async build(data, { locale }) {
    const labels = await Promise.all(
      data.customers.map(async (c) => ({
        name: c.name,
        fit: nameFit(c.name, data.variant),
        code: c.code,
        type: enumLabel('customerType', c.type, locale),
        status: enumLabel('archiveStatus', c.archiveStatus, locale),
        retired: c.archiveStatus === 'retired',
        cabinet: c.location.cabinet,
        shelf: c.location.shelf,
        box: c.location.box,
        qr: await qrSvg(recordUri('customers', c.id)),
      })),
    );
    const perPage = LABELS_PER_PAGE[data.variant];
    const pages: { labels: typeof labels }[] = [];
    for (let i = 0; i < labels.length; i += perPage) pages.push({ labels: labels.slice(i, i + perPage) });
    return {
      view: { spine: data.variant === 'spine', sheet: data.variant === 'sheet', count: labels.length, pages },
    };
  },
};
