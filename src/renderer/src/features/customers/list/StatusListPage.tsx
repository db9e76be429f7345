import { DatabaseOutlined, ExportOutlined, ImportOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Empty, Progress, Space, Spin, Typography } from 'antd';
import { memo, useCallback, useEffect, useRef, useState, type ComponentProps } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useStagedMount } from '../../../app/staged';
import { useDatabase } from '../../../db/provider';
import { i18n } from '../../../i18n';
import { formatNumber } from '../../../i18n/format';
import { DemoPanel } from '../../demo';
import { useAwaitingFirstSync } from '../../sync';
import { useVisitFlags } from '../../visits';
import { useCatalogValue, useStaff } from '../hooks';
import { queryListedCustomers } from '../raw-read';
import { customersFirstPage } from '../customers.queries';
import { rowOf, type CustomerRow } from '../row';
import { downloadBlob, exportStatusList, stampForFile } from './export';
import { FilterBar } from './FilterBar';
import { useListView } from './use-list-view';
import { hasFilters, indexedFirstPage, type ListFilters, type SortKey } from './view';
import { useViewRows } from './view-rows';
import { VirtualTable } from './VirtualTable';

const FIRST_PAGE = 100;
const NO_ROWS: CustomerRow[] = [];

/** Rows of the first page straight from an index, while the projection is still loading. */
function useFirstPage(enabled: boolean, params: ReturnType<typeof indexedFirstPage>): CustomerRow[] | null {
  const db = useDatabase();
  const [rows, setRows] = useState<CustomerRow[] | null>(null);
  const key = JSON.stringify(params);
  useEffect(() => {
    if (!enabled || !params) return undefined;
    let cancelled = false;
    queryListedCustomers(db, customersFirstPage, params)
      .then((docs) => !cancelled && setRows(docs.map(rowOf)))
      .catch(() => !cancelled && setRows(null));
    return () => {
      cancelled = true;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [db, enabled, key]);
  return enabled && params ? rows : null;
}

/** The list's buttons: re-rendered when export changes state, not on every change notice of the rows. */
const ListActions = memo(function ListActions({
  exportDisabled,
  exporting,
  onExport,
}: {
  exportDisabled: boolean;
  exporting: { done: number; total: number } | null;
  onExport(): void;
}) {
  const { t } = useTranslation('customers');
  const navigate = useNavigate();
  return (
    <Space wrap>
      <Button type="primary" icon={<PlusOutlined />} data-testid="customer-new" onClick={() => void navigate('/customers/new')}>
        {t('list.new')}
      </Button>
      <Button icon={<ImportOutlined />} onClick={() => void navigate('/import')}>
        {t('list.import')}
      </Button>
      <Button icon={<ExportOutlined />} data-testid="customer-export" disabled={exportDisabled} onClick={onExport}>
        {exporting ? t('list.exporting', { done: formatNumber(exporting.done), total: formatNumber(exporting.total) }) : t('list.export')}
      </Button>
      <Button icon={<DatabaseOutlined />} onClick={() => void navigate('/demo')}>
        {t('list.demo')}
      </Button>
    </Space>
  );
});

export function StatusListPage() {
  const { t } = useTranslation('customers');
  const { message } = App.useApp();
  const navigate = useNavigate();
  const { catalog, value: phase } = useCatalogValue((s) => s.phase);
  const version = useCatalogValue((s) => s.version).value;
  const loaded = useCatalogValue((s) => s.loaded).value;
  const catalogError = useCatalogValue((s) => s.error).value;
  const searchComplete = useCatalogValue((s) => s.searchComplete).value;
  const staff = useStaff();
  const { view, loaded: viewLoaded, saved: viewSaved, setView } = useListView();
  const [exporting, setExporting] = useState<{ done: number; total: number } | null>(null);
  const ready = phase === 'ready';
  // Customers due or overdue for a visit under the current plans (issue 7): a pill in the list.
  const flags = useVisitFlags();
  const visitFlag = useCallback((id: string) => flags.get(id), [flags]);

  const firstPage = useFirstPage(!ready && viewLoaded, indexedFirstPage(view, FIRST_PAGE));
  // Nothing is listed under a view the user did not choose: until their saved filters and sort
  // are read (a few milliseconds), the list waits, and so does its `ready` phase.
  const viewRows = useViewRows(viewLoaded && ready, catalog, version, view, staff.nameOf);
  const rows = !viewLoaded ? NO_ROWS : ready ? viewRows : (firstPage ?? NO_ROWS);

  const onSort = useCallback(
    (key: SortKey) =>
      setView({ ...view, sort: { key, dir: view.sort.key === key && view.sort.dir === 'asc' ? 'desc' : 'asc' } }),
    [view, setView],
  );
  const onFilters = useCallback((filters: ListFilters) => setView({ ...view, filters }), [view, setView]);
  const changedSince = useCallback((since: number) => catalog.changedSince(since), [catalog]);
  const onOpen = useCallback((id: string) => void navigate(`/customers/${id}`), [navigate]);

  const onExport = async () => {
    setExporting({ done: 0, total: rows.length });
    try {
      const blob = await exportStatusList(rows, staff.nameOf, i18n.getFixedT('zh-CN', 'customers'), (done, total) =>
        setExporting({ done, total }),
      );
      downloadBlob(blob, `${i18n.getFixedT('zh-CN', 'customers')('title')}-${stampForFile()}.xlsx`);
      void message.success(t('list.exported', { count: rows.length }));
    } catch (error) {
      void message.error(t('list.exportFailed', { message: error instanceof Error ? error.message : String(error) }));
    } finally {
      setExporting(null);
    }
  };

  // The export button keeps one handler; it runs the export of the rows as they are then.
  const exportRef = useRef(onExport);
  exportRef.current = onExport;
  const onExportLatest = useCallback(() => void exportRef.current(), []);

  // A first sync is bringing the customers: say so, rather than "none yet, make demo data".
  const awaitingSync = useAwaitingFirstSync('customers');
  const none = ready && catalog.rows.size === 0;
  const empty = none && !awaitingSync;
  return (
    <div
      data-testid="customer-list"
      data-phase={viewLoaded ? phase : 'view'}
      data-search-complete={searchComplete}
      data-view-saved={viewSaved}
      data-count={rows.length}
      style={{ display: 'flex', flexDirection: 'column', height: 'calc(100vh - 64px - 40px)' }}
    >
      <Space style={{ justifyContent: 'space-between', width: '100%', marginBottom: 12 }} wrap>
        <Space align="baseline">
          <Typography.Title level={3} style={{ margin: 0 }}>
            {t('title')}
          </Typography.Title>
          <Typography.Text type="secondary" data-testid="customer-count">
            {ready
              ? t('list.countOf', { shown: formatNumber(rows.length), total: formatNumber(catalog.rows.size) })
              : t('list.loading', { loaded: formatNumber(loaded) })}
          </Typography.Text>
        </Space>
        <ListActions exportDisabled={!ready || rows.length === 0 || !!exporting} exporting={exporting} onExport={onExportLatest} />
      </Space>
      {catalogError && <Alert type="error" showIcon message={catalogError} style={{ marginBottom: 12 }} />}
      {none && awaitingSync ? (
        <Spin tip={t('list.awaitingSync')} data-testid="customer-list-awaiting-sync" style={{ marginTop: 48 }}>
          <div style={{ height: 80 }} />
        </Spin>
      ) : empty ? (
        <Empty description={t('list.empty')} style={{ marginTop: 48 }}>
          <Typography.Paragraph type="secondary">{t('list.emptyHint')}</Typography.Paragraph>
          <div style={{ maxWidth: 520, margin: '0 auto', textAlign: 'left' }}>
            <DemoPanel onStart={(count) => void navigate(`/demo?count=${count}&start=1`)} />
          </div>
        </Empty>
      ) : (
        <ListBody
          filterBar={{ filters: view.filters, onChange: onFilters, rows: catalog.rows, version, changedSince, ownerOptions: staff.options }}
          table={{ rows, sort: view.sort, onSort, onOpen, ownerName: staff.nameOf, visitFlag }}
          ready={ready}
          loaded={loaded}
          noMatch={ready && rows.length === 0 && hasFilters(view.filters)}
        />
      )}
    </div>
  );
}

const FILTER_BAR_HEIGHT = 44;

/**
 * The filters and the rows, mounted in steps (useStagedMount): half the filter bar in one task,
 * the rest in the next, the rows in the one after. Appearing together — when the first synced
 * customers replace the empty state — they were one commit of 130–160 ms on the UI thread.
 */
function ListBody({
  filterBar,
  table,
  ready,
  loaded,
  noMatch,
}: {
  filterBar: ComponentProps<typeof FilterBar>;
  table: ComponentProps<typeof VirtualTable>;
  ready: boolean;
  loaded: number;
  noMatch: boolean;
}) {
  const { t } = useTranslation('customers');
  const stage = useStagedMount(3);
  const rows = table.rows;
  return (
    <>
      {stage >= 1 ? (
        <FilterBar {...filterBar} complete={stage >= 2} />
      ) : (
        <div style={{ height: FILTER_BAR_HEIGHT }} />
      )}
      {!ready && (
        <Progress
          percent={100}
          status="active"
          showInfo={false}
          size="small"
          style={{ marginBottom: 8 }}
          format={() => t('list.loadingFirst', { count: rows.length, loaded: formatNumber(loaded) })}
        />
      )}
      {!ready && rows.length === 0 ? (
        <Spin tip={t('list.loading', { loaded: formatNumber(loaded) })} style={{ marginTop: 48 }}>
          <div style={{ height: 80 }} />
        </Spin>
      ) : stage < 3 ? (
        // Until the filter bar is in, a task or two (no spinner for a frame or two).
        <div style={{ flex: 1 }} />
      ) : noMatch ? (
        <Empty description={t('list.noMatch')} />
      ) : (
        <VirtualTable {...table} />
      )}
    </>
  );
}
