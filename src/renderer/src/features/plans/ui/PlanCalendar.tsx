import { Badge, Calendar, Card, Space, Tag, Tooltip, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { PlanDoc, VisitDoc } from '../../../../../shared/schema';
import {
  isDone,
  periodRange,
  plannedOn,
  toLocalDate,
  type PlanCoverage,
} from '../../../../../shared/visits';
import { useCustomers } from '../../visits/hooks';
import type { PlanActions } from '../PlanPage';

const DATE_COLORS = { met: 'green', overdue: 'red', due: 'orange', upcoming: 'blue' } as const;

interface Props {
  plan: PlanDoc;
  coverage: PlanCoverage;
  visits: VisitDoc[];
  actions: PlanActions;
}

/** The plan on a month calendar: planned visits (click to start one) and visits done that day. */
export function PlanCalendar({ plan, coverage, visits, actions }: Props) {
  const { t } = useTranslation('visits');
  const range = periodRange(plan.year, plan.month);
  const [month, setMonth] = useState<Dayjs>(() => {
    const now = dayjs();
    return now.valueOf() >= range.start && now.valueOf() < range.end ? now : dayjs(range.start);
  });
  const customers = useCustomers([
    ...plan.targets.map((x) => x.customerId),
    ...visits.map((v) => v.customerId),
  ]);
  const planned = plannedOn(plan, month.year(), month.month() + 1);
  const stateOf = new Map(
    coverage.targets.flatMap((c) =>
      c.dates.map((d) => [`${c.targetId}:${d.date}`, d.state] as const),
    ),
  );
  const byDay = new Map<string, VisitDoc[]>();
  for (const v of visits) {
    const key = toLocalDate(v.startAt ?? v.at);
    byDay.set(key, [...(byDay.get(key) ?? []), v]);
  }

  const cell = (date: Dayjs) => {
    const key = date.format('YYYY-MM-DD');
    const entries = planned.filter((p) => p.date === key);
    const done = byDay.get(key) ?? [];
    return (
      <Space direction="vertical" size={2} style={{ width: '100%' }} data-testid={`cal-${key}`}>
        {entries.map((p) => {
          const state = stateOf.get(`${p.targetId}:${p.date}`) ?? 'upcoming';
          return (
            <Tooltip
              key={p.targetId}
              title={`${t(`plans.targetState.${state}`)} · ${t('actions.startVisit')}`}
            >
              <Tag
                color={DATE_COLORS[state]}
                style={{
                  cursor: 'pointer',
                  maxWidth: '100%',
                  overflow: 'hidden',
                  textOverflow: 'ellipsis',
                }}
                onClick={(e) => {
                  e.stopPropagation();
                  void actions.startVisit(p.targetId);
                }}
                data-testid="cal-planned"
              >
                {customers.get(p.customerId)?.name ?? p.customerId}
              </Tag>
            </Tooltip>
          );
        })}
        {done.map((v) => (
          <Link
            key={v.id}
            to={`/visits/${v.id}`}
            onClick={(e) => e.stopPropagation()}
            data-testid="cal-visit"
          >
            <Badge
              status={isDone(v.status) ? 'success' : 'processing'}
              text={
                <Typography.Text style={{ fontSize: 12 }}>
                  {customers.get(v.customerId)?.name ?? t('noCustomer')}
                </Typography.Text>
              }
            />
          </Link>
        ))}
      </Space>
    );
  };

  return (
    <Card size="small" data-testid="plan-calendar">
      <Space style={{ marginBottom: 8 }}>
        <Tag color="blue">{t('plans.planned')}</Tag>
        <Badge status="success" text={t('plans.done')} />
      </Space>
      <Calendar
        value={month}
        onPanelChange={(d) => setMonth(d)}
        onSelect={(d) => setMonth(d)}
        validRange={[dayjs(range.start), dayjs(range.end - 1)]}
        cellRender={(date, info) => (info.type === 'date' ? cell(date) : null)}
      />
    </Card>
  );
}
