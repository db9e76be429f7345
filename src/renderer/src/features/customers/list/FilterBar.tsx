import { Button, Segmented, Select, Space } from 'antd';
import { memo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ACTIVITY_LEVELS, LIFECYCLES } from '../../../../../shared/schema';
import type { CustomerRow } from '../row';
import { FilterChoiceCounts, type FilterChoices } from './filter-choices';
import { DEFAULT_VIEW, hasFilters, type ListFilters } from './view';

interface Props {
  filters: ListFilters;
  onChange(next: ListFilters): void;
  rows: ReadonlyMap<string, CustomerRow>;
  version: number;
  /** The ids changed after a version (the catalog's changedSince); null means anything. */
  changedSince: (version: number) => ReadonlySet<string> | null;
  ownerOptions: { value: string; label: string }[];
  /** False in the first task of the list's mount (ListBody): the last three selects wait a task. */
  complete?: boolean;
}

export function FilterBar({ filters, onChange, rows, version, changedSince, ownerOptions, complete = true }: Props) {
  // Choices come from the data itself, counted per value and updated from what changed.
  const [counts] = useState(() => new FilterChoiceCounts());
  const choices = counts.choices(rows, version, changedSince);
  return <FilterControls filters={filters} onChange={onChange} choices={choices} ownerOptions={ownerOptions} complete={complete} />;
}

interface ControlProps {
  filters: ListFilters;
  onChange(next: ListFilters): void;
  /** The same object for as long as no value appears or disappears (FilterChoiceCounts). */
  choices: FilterChoices;
  ownerOptions: { value: string; label: string }[];
  complete: boolean;
}

/**
 * The controls re-render only when the filters or the choices change, not on every change
 * notice of the rows: seven antd selects were the largest part of each status-list render
 * while a sync writes (every 150 ms). The list mounts them in two steps (`complete`): each
 * select measures itself as it mounts, and all of them in the list page's first render were
 * one task of 90–120 ms.
 */
const FilterControls = memo(function FilterControls({ filters, onChange, choices, ownerOptions, complete }: ControlProps) {
  const { t } = useTranslation('customers');
  const set = <K extends keyof ListFilters>(key: K, value: ListFilters[K]) => onChange({ ...filters, [key]: value });
  const multi = (key: 'industries' | 'regions' | 'tags', values: string[], label: string, testId: string) => (
    <Select
      mode="multiple"
      allowClear
      maxTagCount="responsive"
      data-testid={testId}
      placeholder={label}
      style={{ minWidth: 140 }}
      value={filters[key]}
      onChange={(v: string[]) => set(key, v)}
      options={values.map((v) => ({ value: v, label: v }))}
    />
  );
  return (
    <Space wrap size={8} style={{ marginBottom: 12 }}>
      <Segmented
        data-testid="filter-status"
        value={filters.archiveStatus}
        onChange={(v) => set('archiveStatus', v as ListFilters['archiveStatus'])}
        options={(['active', 'retired', 'all'] as const).map((s) => ({ value: s, label: t(`status.${s}`) }))}
      />
      <Select
        mode="multiple"
        allowClear
        maxTagCount="responsive"
        data-testid="filter-owner"
        placeholder={t('filters.owner')}
        style={{ minWidth: 140 }}
        value={filters.ownerIds}
        onChange={(v: string[]) => set('ownerIds', v)}
        options={[
          ...ownerOptions,
          ...[...choices.owners].filter((id) => !ownerOptions.some((o) => o.value === id)).map((id) => ({ value: id, label: id })),
        ]}
      />
      <Select
        mode="multiple"
        allowClear
        data-testid="filter-lifecycle"
        placeholder={t('filters.lifecycle')}
        style={{ minWidth: 130 }}
        value={filters.lifecycles}
        onChange={(v: ListFilters['lifecycles']) => set('lifecycles', v)}
        options={LIFECYCLES.map((l) => ({ value: l, label: t(`lifecycle.${l}`) }))}
      />
      <Select
        mode="multiple"
        allowClear
        data-testid="filter-activity"
        placeholder={t('filters.activity')}
        style={{ minWidth: 110 }}
        value={filters.activityLevels}
        onChange={(v: ListFilters['activityLevels']) => set('activityLevels', v)}
        options={ACTIVITY_LEVELS.map((l) => ({ value: l, label: t(`activity.${l}`) }))}
      />
      {complete && multi('industries', choices.industries, t('filters.industry'), 'filter-industry')}
      {complete && multi('regions', choices.regions, t('filters.region'), 'filter-region')}
      {complete && multi('tags', choices.tags, t('filters.tags'), 'filter-tags')}
      {hasFilters(filters) && (
        <Button type="link" onClick={() => onChange({ ...DEFAULT_VIEW.filters, archiveStatus: filters.archiveStatus })}>
          {t('list.clearFilters')}
        </Button>
      )}
    </Space>
  );
});
