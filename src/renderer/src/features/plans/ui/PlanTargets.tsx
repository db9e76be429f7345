import { DeleteOutlined, PlayCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, DatePicker, InputNumber, Select, Space, Table, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  VISIT_PURPOSES,
  type PlanDoc,
  type PlanTarget,
  type VisitPurpose,
} from '../../../../../shared/schema';
import { inRange, periodRange, toLocalDate, type PlanCoverage } from '../../../../../shared/visits';
import { useDatabase } from '../../../db/provider';
import { useCustomers } from '../../visits/hooks';
import { CustomerPicker } from '../../visits/ui/CustomerPicker';
import { addTargets } from '../data/plan-store';
import type { PlanActions } from '../PlanPage';
import { TargetStateTag } from './PlanStatusTag';

interface Props {
  plan: PlanDoc;
  coverage: PlanCoverage;
  actions: PlanActions;
}

/** The plan as a list: which customers, how often, on which dates, why; edits save at once. */
export function PlanTargets({ plan, coverage, actions }: Props) {
  const { t } = useTranslation('visits');
  const { message } = App.useApp();
  const db = useDatabase();
  const customers = useCustomers(plan.targets.map((x) => x.customerId));
  const [picked, setPicked] = useState<string>('');
  const range = periodRange(plan.year, plan.month);
  const byTarget = new Map(coverage.targets.map((c) => [c.targetId, c]));

  const update = (targetId: string, patch: Partial<PlanTarget>) =>
    actions.save((form) => ({
      ...form,
      targets: form.targets.map((x) => (x.id === targetId ? { ...x, ...patch } : x)),
    }));

  const add = async () => {
    if (!picked) return;
    const added = await addTargets(db, plan.id, [picked], { frequency: 1 }).catch(() => 0);
    if (!added) void message.warning(t('errors.customerTwice'));
    setPicked('');
  };

  return (
    <Card size="small" data-testid="plan-targets">
      {actions.editable && (
        <Space style={{ marginBottom: 12 }}>
          <div style={{ width: 320 }}>
            <CustomerPicker value={picked} onChange={setPicked} testId="plan-add-customer" />
          </div>
          <Button
            icon={<PlusOutlined />}
            onClick={() => void add()}
            disabled={!picked}
            data-testid="plan-add"
          >
            {t('plans.addCustomers')}
          </Button>
        </Space>
      )}
      <Table<PlanTarget>
        rowKey="id"
        size="small"
        dataSource={plan.targets}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        columns={[
          {
            title: t('list.customer'),
            key: 'customer',
            render: (_, x) => {
              const c = customers.get(x.customerId);
              return c ? (
                <span>
                  {c.name} <Typography.Text type="secondary">{c.code}</Typography.Text>
                </span>
              ) : (
                x.customerId
              );
            },
          },
          {
            title: t('plans.frequency'),
            key: 'frequency',
            width: 100,
            render: (_, x) => (
              <InputNumber
                min={0}
                max={366}
                value={x.frequency}
                disabled={!actions.editable}
                onChange={(v) => v !== null && void update(x.id, { frequency: v })}
                size="small"
                data-testid="target-frequency"
              />
            ),
          },
          {
            title: t('plans.plannedDates'),
            key: 'dates',
            render: (_, x) => (
              <div data-testid="target-dates">
                <DatePicker
                  multiple
                  size="small"
                  disabled={!actions.editable}
                  value={x.plannedDates.map((d) => dayjs(d))}
                  defaultPickerValue={dayjs(range.start)}
                  disabledDate={(d: Dayjs) => !inRange(d.valueOf(), range)}
                  onChange={(dates: Dayjs[] | null) =>
                    void update(x.id, {
                      plannedDates: (dates ?? []).map((d) => toLocalDate(d.valueOf())),
                    })
                  }
                  style={{ minWidth: 200 }}
                />
              </div>
            ),
          },
          {
            title: t('plans.purpose'),
            key: 'purposes',
            render: (_, x) => (
              <Select<VisitPurpose[]>
                mode="multiple"
                size="small"
                disabled={!actions.editable}
                value={x.purposes ?? []}
                onChange={(purposes) => void update(x.id, { purposes })}
                options={VISIT_PURPOSES.map((p) => ({ value: p, label: t(`purposes.${p}`) }))}
                style={{ minWidth: 180 }}
                data-testid="target-purposes"
              />
            ),
          },
          {
            title: t('plans.coverage'),
            key: 'coverage',
            width: 170,
            render: (_, x) => {
              const c = byTarget.get(x.id);
              if (!c) return null;
              return (
                <Space size={4} wrap>
                  <TargetStateTag state={c.state} />
                  <span>
                    {c.done}/{c.wanted}
                  </span>
                  {c.drafts > 0 && (
                    <Typography.Text type="secondary">
                      {t('plans.inProgress', { count: c.drafts })}
                    </Typography.Text>
                  )}
                </Space>
              );
            },
          },
          {
            key: 'actions',
            width: 150,
            render: (_, x) => (
              <Space>
                <Button
                  size="small"
                  icon={<PlayCircleOutlined />}
                  onClick={() => void actions.startVisit(x.id)}
                  data-testid="target-start"
                >
                  {t('actions.startVisit')}
                </Button>
                {actions.editable && (
                  <Button
                    size="small"
                    icon={<DeleteOutlined />}
                    aria-label={t('plans.remove')}
                    onClick={() =>
                      void actions.save((f) => ({
                        ...f,
                        targets: f.targets.filter((y) => y.id !== x.id),
                      }))
                    }
                  />
                )}
              </Space>
            ),
          },
        ]}
      />
    </Card>
  );
}
