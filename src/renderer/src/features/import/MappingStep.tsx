import { Button, Select, Space, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { IMPORT_FIELDS, type ColumnMapping, type ImportField } from './mapping';
import type { Parsed } from './session';

const PREVIEW_FIELDS: ImportField[] = ['type', 'name', 'creditCode', 'contactName', 'mobile', 'phone', 'address', 'owner'];

interface Props {
  parsed: Parsed;
  mapping: ColumnMapping;
  onChange(mapping: ColumnMapping): void;
  onBack(): void;
  onNext(): void;
}

/** Which column feeds which field, with the first rows shown as they will be read. */
export function MappingStep({ parsed, mapping, onChange, onBack, onNext }: Props) {
  const { t } = useTranslation('import');
  const options = parsed.headers.map((h, i) => ({ value: i, label: h || `#${i + 1}` }));
  const sample = (field: ImportField) => {
    const index = mapping[field];
    return index === undefined ? '' : (parsed.preview[0]?.[index] ?? '');
  };
  const previewColumns = PREVIEW_FIELDS.filter((f) => mapping[f] !== undefined).map((f) => ({
    key: f,
    title: t(`fields.${f}`),
    render: (_: unknown, row: string[]) => row[mapping[f]!] ?? '',
  }));
  return (
    <div data-testid="import-mapping">
      <Typography.Paragraph type="secondary">
        {t('mappingHint', { total: parsed.total, encoding: parsed.encoding })}
      </Typography.Paragraph>
      <Table
        size="small"
        pagination={false}
        rowKey="field"
        dataSource={IMPORT_FIELDS.map((field) => ({ field }))}
        scroll={{ y: 360 }}
        columns={[
          { key: 'field', title: t('field'), width: 180, render: (_, r) => t(`fields.${r.field}`) },
          {
            key: 'column',
            title: t('column'),
            width: 240,
            render: (_, r) => (
              <Select<number>
                allowClear
                data-testid={`map-${r.field}`}
                style={{ width: 220 }}
                placeholder={t('notImported')}
                value={mapping[r.field]}
                options={options}
                onChange={(value) => {
                  const next = { ...mapping };
                  if (value === undefined) delete next[r.field];
                  else next[r.field] = value;
                  onChange(next);
                }}
              />
            ),
          },
          { key: 'sample', title: t('sample'), render: (_, r) => <Typography.Text type="secondary">{sample(r.field)}</Typography.Text> },
        ]}
      />
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {t('preview')}
      </Typography.Title>
      <Table size="small" data-testid="import-preview" pagination={false} rowKey={(_, i) => String(i)} dataSource={parsed.preview.slice(0, 10)} columns={previewColumns} scroll={{ x: true }} />
      <Space style={{ marginTop: 16 }}>
        <Button onClick={onBack}>{t('back')}</Button>
        <Button type="primary" data-testid="import-check" disabled={mapping.name === undefined} onClick={onNext}>
          {t('check')}
        </Button>
      </Space>
    </div>
  );
}
