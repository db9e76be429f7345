import type { PrintDataParsed } from '../../../shared/ipc/print';
import { archiveCatalogModel } from './archive-catalog';
import { archiveLabelModel } from './archive-label';
import { customerSheetModel } from './customer-sheet';
import { visitMonthModel } from './visit-month';
import { visitReportModel } from './visit-report';
import { visitReportBlankModel } from './visit-report-blank';
import type { ModelContext } from './types';

export type { ModelContext } from './types';

/** Every model a template can be written against; a new form kind adds one case here. */
export function buildView(
  data: PrintDataParsed,
  ctx: ModelContext,
): Promise<{ title?: string; view: Record<string, unknown> }> {
  switch (data.model) {
    case 'customer-sheet':
      return customerSheetModel.build(data, ctx);
    case 'archive-label':
      return archiveLabelModel.build(data, ctx);
    case 'archive-catalog':
      return archiveCatalogModel.build(data, ctx);
    case 'visit-report':
      return visitReportModel.build(data, ctx);
    case 'visit-report-blank':
      return visitReportBlankModel.build(data, ctx);
    case 'visit-month':
      return visitMonthModel.build(data, ctx);
  }
}
