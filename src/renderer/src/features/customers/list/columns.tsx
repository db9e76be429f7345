import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import type { VisitFlag } from '../../visits';
import type { CustomerRow } from '../row';
import { listDate } from './format';
import type { SortKey } from './view';

export interface CellContext {
  t: TFunction;
  ownerName(id: string): string;
  /** Due or overdue for a visit under the current visit plans (the list flags these). */
  visitFlag?(id: string): VisitFlag | undefined;
}

export interface Column {
  key: SortKey | 'tags';
  titleKey: string;
  width: number;
  sortable: boolean;
  render(row: CustomerRow, ctx: CellContext): ReactNode;
  /** The cell as plain text, for the Excel export. */
  text(row: CustomerRow, ctx: CellContext): string | number;
}

/**
 * Plain spans with classes (styles in list.css.ts), not antd Tags: a list row is mounted and
 * unmounted dozens of times per frame while scrolling, and each antd Tag brings its own style
 * registration and context reads; inline styles cost one DOM write per property.
 */
function Pill({ children, tone }: { children: ReactNode; tone?: string }) {
  return <span className={tone ? `dl-pill dl-${tone}` : 'dl-pill'}>{children}</span>;
}

/** The columns first (code … next task), so they fit a laptop screen; the rest after. */
export const COLUMNS: Column[] = [
  { key: 'code', titleKey: 'columns.code', width: 190, sortable: true, render: (r) => <span className="dl-mono">{r.code}</span>, text: (r) => r.code },
  { key: 'name', titleKey: 'columns.name', width: 260, sortable: true, render: (r) => <strong>{r.name}</strong>, text: (r) => r.name },
  { key: 'type', titleKey: 'columns.type', width: 70, sortable: true, render: (r, c) => c.t(`type.${r.type}`), text: (r, c) => c.t(`type.${r.type}`) },
  { key: 'owner', titleKey: 'columns.owner', width: 90, sortable: true, render: (r, c) => c.ownerName(r.ownerId), text: (r, c) => c.ownerName(r.ownerId) },
  {
    key: 'lifecycle',
    titleKey: 'columns.lifecycle',
    width: 90,
    sortable: true,
    render: (r, c) => <Pill tone={r.lifecycle}>{c.t(`lifecycle.${r.lifecycle}`)}</Pill>,
    text: (r, c) => c.t(`lifecycle.${r.lifecycle}`),
  },
  { key: 'activityLevel', titleKey: 'columns.activity', width: 70, sortable: true, render: (r, c) => c.t(`activity.${r.activityLevel}`), text: (r, c) => c.t(`activity.${r.activityLevel}`) },
  { key: 'region', titleKey: 'columns.region', width: 70, sortable: true, render: (r) => r.region, text: (r) => r.region },
  {
    key: 'lastVisitAt',
    titleKey: 'columns.lastVisit',
    width: 190,
    sortable: true,
    render: (r, c) => {
      const flag = c.visitFlag?.(r.id);
      return (
        <>
          {listDate(r.lastVisitAt)}
          {flag && (
            <span data-testid="visit-flag" data-state={flag.state} className={`dl-pill dl-visit-${flag.state}`} style={{ marginLeft: 6 }}>
              {c.t(`visits:plans.flag.${flag.state}`)}
            </span>
          )}
        </>
      );
    },
    text: (r) => (r.lastVisitAt ? listDate(r.lastVisitAt) : ''),
  },
  { key: 'nextTaskAt', titleKey: 'columns.nextTask', width: 110, sortable: true, render: (r) => listDate(r.nextTaskAt), text: (r) => (r.nextTaskAt ? listDate(r.nextTaskAt) : '') },
  { key: 'industry', titleKey: 'columns.industry', width: 100, sortable: true, render: (r) => r.industry, text: (r) => r.industry },
  {
    key: 'tags',
    titleKey: 'columns.tags',
    width: 170,
    sortable: false,
    render: (r) => r.tags.slice(0, 3).map((tag) => <Pill key={tag}>{tag}</Pill>),
    text: (r) => r.tags.join('、'),
  },
  {
    key: 'archiveStatus',
    titleKey: 'columns.archiveStatus',
    width: 90,
    sortable: true,
    render: (r, c) => (r.archiveStatus === 'retired' ? <Pill tone="retired">{c.t('status.retired')}</Pill> : c.t('status.active')),
    text: (r, c) => c.t(`status.${r.archiveStatus}`),
  },
];

export const GRID_TEMPLATE = COLUMNS.map((c) => `${c.width}px`).join(' ');
export const TABLE_WIDTH = COLUMNS.reduce((sum, c) => sum + c.width, 0);
