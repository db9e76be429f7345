import {
  App,
  Button,
  Card,
  Popconfirm,
  Progress,
  Result,
  Segmented,
  Select,
  Space,
  Spin,
  Tag,
  Typography,
} from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { PLAN_STATUSES, type PlanDoc, type PlanStatus } from '../../../../shared/schema';
import { planFormOf, VisitRuleError, type PlanForm } from '../../../../shared/visits';
import { useDatabase } from '../../db/provider';
import { useSession } from '../../session/session';
import { startVisit } from '../visits/data/visit-store';
import { useUserName } from '../visits/names';
import { removePlan, savePlan } from './data/plan-store';
import { CoverageView } from './ui/CoverageView';
import { PlanCalendar } from './ui/PlanCalendar';
import { PlanTargets } from './ui/PlanTargets';
import { usePlanCoverage } from './usePlanCoverage';

function usePlan(id: string | undefined): PlanDoc | null | undefined {
  const db = useDatabase();
  const [plan, setPlan] = useState<PlanDoc | null | undefined>(undefined);
  useEffect(() => {
    if (!id) return undefined;
    const sub = db.collections.plans
      .findOne(id)
      .$.subscribe((doc) => setPlan(doc ? doc.toMutableJSON() : null));
    return () => sub.unsubscribe();
  }, [db, id]);
  return plan;
}

export function PlanPage() {
  const { id } = useParams();
  const plan = usePlan(id);
  const { t } = useTranslation('visits');
  if (plan === undefined) return <Spin />;
  if (plan === null) return <Result status="404" title={t('errors.notFound')} />;
  return <PlanView plan={plan} />;
}

type View = 'calendar' | 'list' | 'coverage';

/** Actions the plan's views share: saving an edit, starting a visit from a target. */
export interface PlanActions {
  editable: boolean;
  save: (change: (form: PlanForm) => PlanForm) => Promise<void>;
  startVisit: (targetId: string) => Promise<void>;
}

function PlanView({ plan }: { plan: PlanDoc }) {
  const { t } = useTranslation('visits');
  const { message } = App.useApp();
  const db = useDatabase();
  const user = useSession();
  const navigate = useNavigate();
  const name = useUserName();
  const [view, setView] = useState<View>('calendar');
  const { coverage, visits } = usePlanCoverage(plan);
  const editable = plan.ownerId === user.id;

  const fail = (e: unknown) => {
    if (e instanceof VisitRuleError)
      void message.error([t(e.key), ...e.problems.map((p) => t(p.message))].join('：'));
    else
      void message.error(
        t('errors.unexpected', { message: e instanceof Error ? e.message : String(e) }),
      );
  };

  const actions: PlanActions = {
    editable,
    save: async (change) => {
      try {
        await savePlan(db, plan.id, change(planFormOf(plan)));
      } catch (e) {
        fail(e);
      }
    },
    startVisit: async (targetId) => {
      const target = plan.targets.find((x) => x.id === targetId);
      if (!target) return;
      try {
        const id = await startVisit(db, user, {
          customerId: target.customerId,
          planId: plan.id,
          purposes: target.purposes,
          purposeNote: target.purpose,
        });
        void navigate(`/visits/${id}`);
      } catch (e) {
        fail(e);
      }
    },
  };

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="plan-page">
      <Card size="small">
        <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
          <Space wrap>
            <Typography.Title level={4} style={{ margin: 0 }} data-testid="plan-title">
              {plan.title}
            </Typography.Title>
            <Tag>
              {plan.month === 0
                ? t('plans.annual')
                : t('plans.monthlyOf', { year: plan.year, month: plan.month })}
            </Tag>
            <Typography.Text type="secondary">
              {t('plans.owner')}：{name(plan.ownerId)}
            </Typography.Text>
            <Select<PlanStatus>
              size="small"
              value={plan.status}
              disabled={!editable}
              onChange={(status) => void actions.save((f) => ({ ...f, status }))}
              options={PLAN_STATUSES.map((s) => ({ value: s, label: t(`plans.status.${s}`) }))}
              style={{ width: 100 }}
              data-testid="plan-status"
            />
          </Space>
          <Space>
            <Progress percent={Math.round(coverage.ratio * 100)} style={{ width: 180 }} />
            <Typography.Text data-testid="plan-coverage">
              {t('plans.coverageOf', { done: coverage.done, wanted: coverage.wanted })}
            </Typography.Text>
            {editable && (
              <Popconfirm
                title={t('plans.removePlanConfirm')}
                onConfirm={() => void removePlan(db, plan.id).then(() => navigate('/visits/plans'))}
              >
                <Button danger size="small">
                  {t('plans.removePlan')}
                </Button>
              </Popconfirm>
            )}
          </Space>
        </Space>
      </Card>
      <Segmented<View>
        value={view}
        onChange={setView}
        options={[
          { value: 'calendar', label: t('plans.views.calendar') },
          { value: 'list', label: t('plans.views.list') },
          { value: 'coverage', label: t('plans.views.coverage') },
        ]}
        data-testid="plan-views"
      />
      {view === 'calendar' && (
        <PlanCalendar plan={plan} coverage={coverage} visits={visits} actions={actions} />
      )}
      {view === 'list' && <PlanTargets plan={plan} coverage={coverage} actions={actions} />}
      {view === 'coverage' && <CoverageView plan={plan} coverage={coverage} />}
    </Space>
  );
}
