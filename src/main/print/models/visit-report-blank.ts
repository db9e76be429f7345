import { nameOf, type ModelBuilder } from './types';
import { purposeBoxes } from './visit-view';

/** The blank 走访客户报告 for a visit without the laptop: boxes to tick, lines to write on. */
export const visitReportBlankModel: ModelBuilder<'visit-report-blank'> = {
  model: 'visit-report-blank',
  async build(data, { locale }) {
    return {
      view: {
        customer: { name: data.customer?.name ?? '', code: data.customer?.code ?? '' },
        owner: nameOf(data.names, data.ownerId),
        purposeBoxes: purposeBoxes([], locale),
        stepLines: Array.from({ length: data.stepLines }, (_, i) => ({ n: i + 1 })),
      },
    };
  },
};
