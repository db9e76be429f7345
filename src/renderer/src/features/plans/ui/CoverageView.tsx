import { Card, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { PlanDoc } from '../../../../../shared/schema';
import type { PlanCoverage, TargetCoverage } from '../../../../../shared/visits';
import { useCustomers } from '../../visits/hooks';
import { TARGET_COLORS, TargetStateTag } from './PlanStatusTag';

const DATE_COLORS = { met: 'green', overdue: 'red', due: 'orange', upcoming: 'default' } as const;

/** Progress per customer: per month for an annual plan, per planned date for a monthly one. */
export function CoverageView({ plan, coverage }: { plan: PlanDoc; coverage: PlanCoverage }) {
  const { t } = useTranslation('visits');
  const customers = useCustomers(coverage.targets.map((c) => c.customerId));
  const monthColumns =
    plan.month === 0
      ? coverage.months.map((m, i) => ({
          title: t('plans.monthName', { month: m.month }),
          key: `m${m.month}`,
          width: 56,
          align: 'center' as const,
          render: (_: unknown, c: TargetCoverage) =>
            c.byMonth[i] ? (
              <Typography.Text strong>{c.byMonth[i]}</Typography.Text>
            ) : (
              <Typography.Text type="secondary">·</Typography.Text>
            ),
        }))
      : [];
  return (
    <Card size="small" data-testid="plan-coverage-view">
      <Table<TargetCoverage>
        rowKey="targetId"
        size="small"
        dataSource={coverage.targets}
        pagination={{ pageSize: 100, hideOnSinglePage: true }}
        scroll={{ x: true }}
        columns={[
          {
            title: t('list.customer'),
            key: 'c',
            fixed: 'left',
            render: (_, c) => customers.get(c.customerId)?.name ?? c.customerId,
          },
          {
            title: t('plans.targetState.met'),
            key: 'n',
            width: 80,
            render: (_, c) => `${c.done}/${c.wanted}`,
          },
          {
            title: t('list.status'),
            key: 's',
            width: 90,
            render: (_, c) => <TargetStateTag state={c.state} />,
          },
          ...monthColumns,
          {
            title: t('plans.plannedDates'),
            key: 'd',
            render: (_, c) =>
              c.dates.map((d) => (
                <Tag key={d.date} color={DATE_COLORS[d.state]}>
                  {d.date.slice(5)}
                </Tag>
              )),
          },
        ]}
        summary={() => (
          <Table.Summary.Row>
            <Table.Summary.Cell index={0}>{t('plans.coverage')}</Table.Summary.Cell>
            <Table.Summary.Cell
              index={1}
            >{`${coverage.done}/${coverage.wanted}`}</Table.Summary.Cell>
            <Table.Summary.Cell index={2}>
              <Tag color={TARGET_COLORS[coverage.ratio >= 1 ? 'met' : 'onTrack']}>
                {Math.round(coverage.ratio * 100)}%
              </Tag>
            </Table.Summary.Cell>
            {monthColumns.map((m, i) => (
              <Table.Summary.Cell key={m.key} index={3 + i} align="center">
                {coverage.months[i]?.done || ''}
              </Table.Summary.Cell>
            ))}
            <Table.Summary.Cell index={3 + monthColumns.length} />
          </Table.Summary.Row>
        )}
      />
    </Card>
  );
}
