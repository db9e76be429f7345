import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { PlanStatus } from '../../../../../shared/schema';
import type { TargetState } from '../../../../../shared/visits';

const PLAN_COLORS = {
  draft: 'default',
  active: 'blue',
  closed: 'default',
} as const satisfies Record<PlanStatus, string>;
export const TARGET_COLORS = {
  met: 'green',
  overdue: 'red',
  due: 'orange',
  onTrack: 'blue',
  upcoming: 'default',
} as const satisfies Record<TargetState, string>;

export function PlanStatusTag({ status }: { status: PlanStatus }) {
  const { t } = useTranslation('visits');
  return <Tag color={PLAN_COLORS[status]}>{t(`plans.status.${status}`)}</Tag>;
}

export function TargetStateTag({ state }: { state: TargetState }) {
  const { t } = useTranslation('visits');
  return (
    <Tag color={TARGET_COLORS[state]} data-testid="target-state">
      {t(`plans.targetState.${state}`)}
    </Tag>
  );
}
