import { reportView } from './visit-view';
import type { ModelBuilder } from './types';

/** 走访客户报告 as filled in: one report, its photos' thumbnails, the signature, review and history. */
export const visitReportModel: ModelBuilder<'visit-report'> = {
  model: 'visit-report',
  async build(data, { locale }) {
    // One report in a list, so this form and the month run share the same report partial.
    return { view: { reports: [await reportView(data, data.names, locale)] } };
  },
};
