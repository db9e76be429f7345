import type { ComponentType } from 'react';
import type { CustomerDoc } from '../../../../../shared/schema';
import { DocumentsSection } from '../../documents';
import { CustomerPrintActions } from '../../print';
import { VisitHistory } from '../../visits';

export interface ArchiveSectionProps {
  customer: CustomerDoc;
  /** Display names of users by id. */
  names: Record<string, string>;
}

/**
 * The parts of one customer's archive that other features own, in display order. A feature
 * mounts itself by giving its entry a `Component` (one line); an entry without one is shown
 * as a marked, empty section so everyone sees where it will go.
 */
export interface ArchiveSection {
  key: string;
  /** An i18n key with its namespace. */
  titleKey: string;
  order: number;
  Component?: ComponentType<ArchiveSectionProps>;
}

export const archiveSections: ArchiveSection[] = [
  { key: 'print', titleKey: 'print:archiveActions', order: 5, Component: ({ customer, names }) => <CustomerPrintActions customer={customer} names={names} /> },
  { key: 'transactions', titleKey: 'customers:sections.transactions', order: 10 },
  {
    key: 'visits',
    titleKey: 'customers:sections.visits',
    order: 20,
    Component: ({ customer, names }) => <VisitHistory customer={customer} names={names} />,
  },
  { key: 'cases', titleKey: 'customers:sections.cases', order: 30 },
  {
    key: 'documents',
    titleKey: 'customers:sections.documents',
    order: 40,
    Component: ({ customer, names }) => <DocumentsSection customerId={customer.id} names={names} />,
  },
];
