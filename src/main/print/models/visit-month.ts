import { nameOf, type ModelBuilder } from './types';
import { reportView } from './visit-view';

/** One rep's reports of a month in one run: each report on its own page(s), oldest first. */
export const visitMonthModel: ModelBuilder<'visit-month'> = {
  model: 'visit-month',
  async build(data, { locale }) {
    const sorted = [...data.reports].sort(
      (a, b) => (a.visit.startAt ?? 0) - (b.visit.startAt ?? 0),
    );
    const owner = nameOf(data.names, data.ownerId);
    const period =
      locale === 'zh-CN'
        ? `${data.year}年${data.month}月`
        : `${data.year}-${String(data.month).padStart(2, '0')}`;
    const reports = [];
    for (const report of sorted) reports.push(await reportView(report, data.names, locale));
    return {
      title:
        locale === 'zh-CN'
          ? `${owner} ${period}走访客户报告`
          : `Visit reports of ${owner}, ${period}`,
      view: {
        owner,
        period,
        count: reports.length,
        summary: reports.map((r) => ({
          date: r.visit.date,
          customer: r.customer.name,
          purposes: r.visit.purposes,
          status: r.visit.status,
        })),
        reports,
      },
    };
  },
};
