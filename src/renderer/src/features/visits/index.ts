export { VisitsPage } from './VisitsPage';
export { VisitReportPage } from './VisitReportPage';
/** The customer archive's visit section (visit history, newest first). */
export { VisitHistory } from './VisitHistory';
/** Customers due or overdue for a visit under the current plans: for the status list. */
export { useVisitFlags } from './hooks';
export type { VisitFlag, VisitFlagState } from '../../../../shared/visits';
