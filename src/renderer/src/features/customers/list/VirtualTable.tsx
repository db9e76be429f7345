import { CaretDownOutlined, CaretUpOutlined } from '@ant-design/icons';
import type { TFunction } from 'i18next';
import { memo, useLayoutEffect, useRef, useState, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { CustomerRow } from '../row';
import type { VisitFlag } from '../../visits';
import { COLUMNS, GRID_TEMPLATE, TABLE_WIDTH } from './columns';
import { LIST_CSS } from './list-css';
import type { ListView, SortKey } from './view';

const ROW_HEIGHT = 40;
const OVERSCAN = 6;

/**
 * The rows in view of a list whose rows all have one height: from the scroll position alone,
 * the same cost at any count. (@tanstack/react-virtual measured every row again whenever the
 * count changed: 150 ms at 20k rows, for every batch of a first sync.)
 */
function useRowWindow(scroller: RefObject<HTMLDivElement | null>, count: number): { first: number; last: number } {
  const [view, setView] = useState({ top: 0, height: 0 });
  useLayoutEffect(() => {
    const element = scroller.current;
    if (!element) return undefined;
    const read = () =>
      setView((v) => (v.top === element.scrollTop && v.height === element.clientHeight ? v : { top: element.scrollTop, height: element.clientHeight }));
    read();
    element.addEventListener('scroll', read, { passive: true });
    const resize = new ResizeObserver(read);
    resize.observe(element);
    return () => {
      element.removeEventListener('scroll', read);
      resize.disconnect();
    };
  }, [scroller]);
  const first = Math.max(0, Math.floor(view.top / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(count, Math.ceil((view.top + view.height) / ROW_HEIGHT) + OVERSCAN);
  return { first, last: Math.max(first, last) };
}

interface Props {
  rows: readonly CustomerRow[];
  sort: ListView['sort'];
  onSort(key: SortKey): void;
  onOpen(id: string): void;
  ownerName(id: string): string;
  visitFlag?(id: string): VisitFlag | undefined;
}

const cellStyle = { padding: '0 8px', overflow: 'hidden', whiteSpace: 'nowrap', textOverflow: 'ellipsis' } as const;

const Row = memo(function Row({
  row,
  top,
  onOpen,
  ownerName,
  visitFlag,
  t,
}: {
  row: CustomerRow;
  top: number;
  onOpen(id: string): void;
  ownerName(id: string): string;
  visitFlag?(id: string): VisitFlag | undefined;
  t: TFunction;
}) {
  return (
    <div
      role="row"
      data-testid="customer-row"
      data-id={row.id}
      className={row.archiveStatus === 'retired' ? 'dl-row dl-retired' : 'dl-row'}
      onClick={() => onOpen(row.id)}
      // Position only; the rest is in classes. contain:strict makes each row its own layout island.
      style={{ transform: `translateY(${top}px)`, width: TABLE_WIDTH, gridTemplateColumns: GRID_TEMPLATE }}
    >
      {COLUMNS.map((c) => (
        <div key={c.key} role="cell" className="dl-cell">
          {c.render(row, { t, ownerName, ...(visitFlag ? { visitFlag } : {}) })}
        </div>
      ))}
    </div>
  );
});

/**
 * The status list body: only the rows in view are in the DOM (about 30 of 100,000), absolutely
 * positioned inside one tall spacer, so scrolling costs the same at any size.
 */
export function VirtualTable({ rows, sort, onSort, onOpen, ownerName, visitFlag }: Props) {
  const { t } = useTranslation('customers');
  const scroller = useRef<HTMLDivElement>(null);
  const { first, last } = useRowWindow(scroller, rows.length);
  const slots = Math.max(1, last - first);
  return (
    <div
      ref={scroller}
      data-testid="customer-list-scroll"
      role="table"
      style={{ flex: 1, minHeight: 200, overflow: 'auto', border: '1px solid #f0f0f0', borderRadius: 4, background: '#fff' }}
    >
      <style>{LIST_CSS}</style>
      <div
        role="row"
        style={{
          position: 'sticky',
          top: 0,
          zIndex: 1,
          display: 'grid',
          gridTemplateColumns: GRID_TEMPLATE,
          width: TABLE_WIDTH,
          height: ROW_HEIGHT,
          alignItems: 'center',
          background: '#fafafa',
          borderBottom: '1px solid #f0f0f0',
          fontWeight: 600,
        }}
      >
        {COLUMNS.map((c) => {
          const active = sort.key === c.key;
          return (
            <div
              key={c.key}
              role="columnheader"
              data-testid={`sort-${c.key}`}
              aria-sort={active ? (sort.dir === 'asc' ? 'ascending' : 'descending') : 'none'}
              title={c.sortable ? t('list.sortHint') : undefined}
              onClick={c.sortable ? () => onSort(c.key as SortKey) : undefined}
              style={{ ...cellStyle, cursor: c.sortable ? 'pointer' : 'default', userSelect: 'none' }}
            >
              {t(c.titleKey)}{' '}
              {active && (sort.dir === 'asc' ? <CaretUpOutlined /> : <CaretDownOutlined />)}
            </div>
          );
        })}
      </div>
      <div style={{ position: 'relative', height: rows.length * ROW_HEIGHT, width: TABLE_WIDTH }}>
        {Array.from({ length: last - first }, (_, i) => {
          const index = first + i;
          const row = rows[index];
          // Keyed by slot, not by customer: a row scrolled out is reused for the one scrolled in
          // (its text updated) instead of its DOM being torn down and built again every frame.
          return row ? <Row key={index % slots} row={row} top={index * ROW_HEIGHT} onOpen={onOpen} ownerName={ownerName} {...(visitFlag ? { visitFlag } : {})} t={t} /> : null;
        })}
      </div>
    </div>
  );
}
