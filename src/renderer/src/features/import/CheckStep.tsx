import { DownloadOutlined } from '@ant-design/icons';
import { Alert, Button, Checkbox, Col, Row, Space, Statistic, Table, Tabs, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatNumber } from '../../i18n/format';
import type { ExistingMatch } from './commit';
import type { RowError } from './rows';
import type { Validated } from './session';

interface Props {
  validated: Validated;
  existing: Map<number, ExistingMatch>;
  skipDuplicates: boolean;
  onSkipDuplicates(skip: boolean): void;
  toImport: number;
  onDownloadErrors(): void;
  onBack(): void;
  onConfirm(): void;
  message(e: RowError): string;
}

/** What the file holds before anything is written: good rows, bad rows (why), duplicates. */
export function CheckStep({ validated, existing, skipDuplicates, onSkipDuplicates, toImport, onDownloadErrors, onBack, onConfirm, message }: Props) {
  const { t } = useTranslation('import');
  const badRows = new Set(validated.errors.map((e) => e.row)).size;
  const duplicates = validated.rows.filter((r) => r.sameAsRow !== undefined || existing.has(r.row));
  return (
    <div data-testid="import-check-step">
      <Row gutter={16} style={{ marginBottom: 16 }}>
        <Col span={6}>
          <Statistic title={t('summary.total')} value={formatNumber(validated.total)} />
        </Col>
        <Col span={6}>
          <Statistic title={t('summary.valid')} value={formatNumber(validated.rows.length)} valueStyle={{ color: '#389e0d' }} />
        </Col>
        <Col span={6}>
          <Statistic title={t('summary.invalid')} value={formatNumber(badRows)} valueStyle={{ color: badRows ? '#cf1322' : undefined }} />
        </Col>
        <Col span={6}>
          <Statistic title={t('summary.duplicates')} value={formatNumber(duplicates.length)} valueStyle={{ color: duplicates.length ? '#d48806' : undefined }} />
        </Col>
      </Row>
      <Tabs
        items={[
          {
            key: 'errors',
            label: t('errorsTab', { count: validated.errors.length }),
            children: (
              <>
                {validated.errors.length > 0 && (
                  <Button icon={<DownloadOutlined />} data-testid="import-errors-download" onClick={onDownloadErrors} style={{ marginBottom: 8 }}>
                    {t('downloadErrors')}
                  </Button>
                )}
                <Table
                  size="small"
                  data-testid="import-errors"
                  rowKey={(e) => `${e.row}:${e.column}:${e.message}`}
                  dataSource={validated.errors}
                  pagination={{ pageSize: 20, showSizeChanger: false }}
                  columns={[
                    { key: 'row', title: t('errorColumns.row'), dataIndex: 'row', width: 80 },
                    { key: 'column', title: t('errorColumns.column'), width: 160, render: (_, e) => e.column || (e.field ? t(`fields.${e.field}`) : '—') },
                    { key: 'why', title: t('errorColumns.why'), render: (_, e) => message(e) },
                    { key: 'value', title: t('errorColumns.value'), dataIndex: 'value', width: 200 },
                  ]}
                />
              </>
            ),
          },
          {
            key: 'duplicates',
            label: t('duplicatesTab', { count: duplicates.length }),
            children: (
              <Table
                size="small"
                data-testid="import-duplicates"
                rowKey="row"
                dataSource={duplicates}
                pagination={{ pageSize: 20, showSizeChanger: false }}
                columns={[
                  { key: 'row', title: t('errorColumns.row'), dataIndex: 'row', width: 80 },
                  { key: 'name', title: t('fields.name'), render: (_, r) => r.fields.name },
                  {
                    key: 'why',
                    title: t('errorColumns.why'),
                    render: (_, r) => {
                      const match = existing.get(r.row);
                      if (match) {
                        return (
                          <Space>
                            {t(`duplicateReason.${match.reason}`)}
                            <Link to={`/customers/${match.ids[0]}`}>{t('openExisting')}</Link>
                          </Space>
                        );
                      }
                      return t('sameAsRow', { row: r.sameAsRow });
                    },
                  },
                ]}
              />
            ),
          },
        ]}
      />
      <Alert type="info" showIcon style={{ margin: '12px 0' }} message={t('nothingWritten')} />
      <Space direction="vertical">
        <Checkbox checked={skipDuplicates} onChange={(e) => onSkipDuplicates(e.target.checked)} data-testid="import-skip-duplicates">
          {t('skipDuplicates')}
        </Checkbox>
        <Space>
          <Button onClick={onBack}>{t('back')}</Button>
          <Button type="primary" data-testid="import-confirm" disabled={toImport === 0} onClick={onConfirm}>
            {t('confirm', { count: formatNumber(toImport) })}
          </Button>
          <Typography.Text type="secondary">{t('invalidSkipped', { count: badRows })}</Typography.Text>
        </Space>
      </Space>
    </div>
  );
}
