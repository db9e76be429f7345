import { formatDate, formatLocation } from '../format';
import { enumLabel } from '../labels';
import { qrSvg, recordUri } from '../qr';
import { nameOf, type ModelBuilder } from './types';

const compareLocation = (a: { cabinet: string; shelf: string; box: string }, b: typeof a): number =>
  a.cabinet.localeCompare(b.cabinet, 'zh-CN', { numeric: true }) ||
  a.shelf.localeCompare(b.shelf, 'zh-CN', { numeric: true }) ||
  a.box.localeCompare(b.box, 'zh-CN', { numeric: true });

/**
 * 退档目录: the retired archives of one year, in shelf order (cabinet, shelf, box, then
 * code) because the catalog is filed into the boxes it lists. Customers that are not
 * retired in that year (local time) are left out.
 */
export const archiveCatalogModel: ModelBuilder<'archive-catalog'> = {
  model: 'archive-catalog',
  async build(data, { locale }) {
    const start = new Date(data.year, 0, 1).getTime();
    const end = new Date(data.year + 1, 0, 1).getTime();
    const retired = data.customers
      .filter((c) => c.archiveStatus === 'retired' && c.retiredAt !== undefined && c.retiredAt >= start && c.retiredAt < end)
      .sort((a, b) => compareLocation(a.location, b.location) || a.code.localeCompare(b.code, 'zh-CN', { numeric: true }));
    const title = locale === 'zh-CN' ? `${data.year} 年度退档目录` : `Retired archives ${data.year}`;
    return {
      title,
      view: {
        year: String(data.year),
        heading: title,
        count: retired.length,
        qr: await qrSvg(recordUri('catalog', `retired-${data.year}`)),
        rows: retired.map((c, index) => ({
          no: index + 1,
          code: c.code,
          name: c.name,
          type: enumLabel('customerType', c.type, locale),
          retiredAt: formatDate(c.retiredAt),
          reason: c.retiredReason ?? '',
          location: formatLocation(c.location, locale),
          owner: nameOf(data.names, c.ownerId),
        })),
      },
    };
  },
};
