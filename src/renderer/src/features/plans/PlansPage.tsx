import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Empty, InputNumber, List, Progress, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { PlanDoc } from '../../../../shared/schema';
import { useRelevantPlans } from '../visits/hooks';
import { useUserName } from '../visits/names';
import { NewPlanDialog } from './ui/NewPlanDialog';
import { PlanStatusTag } from './ui/PlanStatusTag';
import { usePlanCoverage } from './usePlanCoverage';

function PlanRow({ plan }: { plan: PlanDoc }) {
  const { t } = useTranslation('visits');
  const name = useUserName();
  const { coverage } = usePlanCoverage(plan);
  const overdue = coverage.targets.filter((c) => c.state === 'overdue').length;
  return (
    <List.Item
      data-testid="plan-row"
      extra={<Progress type="circle" size={56} percent={Math.round(coverage.ratio * 100)} />}
    >
      <List.Item.Meta
        title={
          <Space wrap>
            <Link to={`/visits/plans/${plan.id}`}>{plan.title}</Link>
            <Tag>
              {plan.month === 0 ? t('plans.annual') : t('plans.monthName', { month: plan.month })}
            </Tag>
            <PlanStatusTag status={plan.status} />
          </Space>
        }
        description={
          <Space wrap>
            <span>
              {t('plans.owner')}：{name(plan.ownerId)}
            </span>
            <span>
              {t('plans.targets')}：{plan.targets.length}
            </span>
            <span>{t('plans.coverageOf', { done: coverage.done, wanted: coverage.wanted })}</span>
            {overdue > 0 && (
              <Tag color="red">
                {t('plans.targetState.overdue')} {overdue}
              </Tag>
            )}
          </Space>
        }
      />
    </List.Item>
  );
}

export function PlansPage() {
  const { t } = useTranslation('visits');
  const [year, setYear] = useState(() => new Date().getFullYear());
  const [creating, setCreating] = useState(false);
  const plans = [...useRelevantPlans(year)].sort(
    (a, b) => a.month - b.month || a.title.localeCompare(b.title),
  );
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="plans-page">
      <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('plans.title')}
        </Typography.Title>
        <Space>
          <Typography.Text>{t('plans.year')}</Typography.Text>
          <InputNumber
            min={2000}
            max={2200}
            value={year}
            onChange={(v) => v && setYear(v)}
            data-testid="plans-year"
          />
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setCreating(true)}
            data-testid="plans-new"
          >
            {t('plans.newPlan')}
          </Button>
        </Space>
      </Space>
      <Card>
        {plans.length ? (
          <List dataSource={plans} renderItem={(p) => <PlanRow key={p.id} plan={p} />} />
        ) : (
          <Empty description={t('plans.none')} />
        )}
      </Card>
      <NewPlanDialog open={creating} year={year} onClose={() => setCreating(false)} />
    </Space>
  );
}
