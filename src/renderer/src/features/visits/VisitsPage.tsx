import { CalendarOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, DatePicker, Space, Table, Tabs, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { RequestDoc, VisitDoc } from '../../../../shared/schema';
import { isReviewer, periodRange } from '../../../../shared/visits';
import { useDatabase } from '../../db/provider';
import { formatDate, formatMoney } from '../../i18n/format';
import { useSession } from '../../session/session';
import { actorOf, startVisit } from './data/visit-store';
import { useCustomers, useOwnerVisits } from './hooks';
import { useLiveList } from './live';
import { useUserName } from './names';
import { PrintBlankButton, PrintMonthButton } from './print/PrintVisitButton';
import { DueCustomers } from './ui/DueCustomers';
import { GiftDecisionButtons, GiftStateTag } from './ui/GiftsPanel';
import { PurposeTags, StatusTag } from './ui/StatusTag';
import { pendingRequests, visitsOfTeamInStatus } from './visits.queries';

function VisitTable({
  visits,
  showOwner,
  emptyKey = 'noVisits',
}: {
  visits: VisitDoc[];
  showOwner?: boolean;
  emptyKey?: string;
}) {
  const { t } = useTranslation('visits');
  const customers = useCustomers(visits.map((v) => v.customerId));
  const name = useUserName();
  return (
    <Table<VisitDoc>
      rowKey="id"
      size="small"
      dataSource={visits}
      pagination={{ pageSize: 50, hideOnSinglePage: true }}
      locale={{ emptyText: t(emptyKey) }}
      columns={[
        {
          title: t('list.date'),
          key: 'date',
          width: 150,
          render: (_, v) => formatDate(v.startAt ?? v.at, true),
        },
        {
          title: t('list.customer'),
          key: 'customer',
          render: (_, v) => (
            <Link to={`/visits/${v.id}`}>
              {customers.get(v.customerId)?.name ?? t('noCustomer')}
            </Link>
          ),
        },
        ...(showOwner
          ? [
              {
                title: t('list.owner'),
                key: 'owner',
                width: 110,
                render: (_: unknown, v: VisitDoc) => name(v.ownerId),
              },
            ]
          : []),
        {
          title: t('list.purposes'),
          key: 'purposes',
          render: (_, v) => <PurposeTags purposes={v.purposes} />,
        },
        {
          title: t('list.outcomes'),
          key: 'outcomes',
          ellipsis: true,
          render: (_, v) => v.outcomes ?? '',
        },
        {
          title: t('list.status'),
          key: 'status',
          width: 90,
          render: (_, v) => <StatusTag status={v.status} />,
        },
      ]}
    />
  );
}

function MyVisits() {
  const { t } = useTranslation('visits');
  const user = useSession();
  const [month, setMonth] = useState(() => dayjs().startOf('month'));
  const range = periodRange(month.year(), month.month() + 1);
  const { docs } = useOwnerVisits(user.id, range.start, range.end);
  const newestFirst = [...docs].reverse();
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space>
        <Typography.Text>{t('month')}</Typography.Text>
        <DatePicker
          picker="month"
          value={month}
          allowClear={false}
          onChange={(d) => d && setMonth(d.startOf('month'))}
          data-testid="visits-month"
        />
        <PrintMonthButton ownerId={user.id} year={month.year()} month={month.month() + 1} />
      </Space>
      <VisitTable visits={newestFirst} />
    </Space>
  );
}

function ReviewQueue() {
  const user = useSession();
  const { docs } = useLiveList(
    visitsOfTeamInStatus,
    { teamId: user.teamId, status: 'submitted', limit: 500 },
    [user.teamId],
  );
  return <VisitTable visits={docs} showOwner emptyKey="review.queueEmpty" />;
}

function GiftApprovals() {
  const { t } = useTranslation('visits');
  const { docs } = useLiveList(pendingRequests, { limit: 500 }, []);
  const gifts = docs.filter((r) => r.kind === 'gift');
  const customers = useCustomers(gifts.map((g) => g.customerId));
  const name = useUserName();
  return (
    <Table<RequestDoc>
      rowKey="id"
      size="small"
      dataSource={gifts}
      locale={{ emptyText: t('gift.pendingNone') }}
      pagination={{ pageSize: 50, hideOnSinglePage: true }}
      columns={[
        { title: t('list.date'), key: 'at', width: 150, render: (_, r) => formatDate(r.at, true) },
        {
          title: t('list.customer'),
          key: 'customer',
          render: (_, r) => customers.get(r.customerId)?.name ?? r.customerId,
        },
        { title: t('gift.item'), dataIndex: 'item' },
        { title: t('gift.value'), key: 'value', render: (_, r) => formatMoney(r.value ?? 0) },
        { title: t('gift.reason'), dataIndex: 'reason', ellipsis: true },
        { title: t('gift.requester'), key: 'requester', render: (_, r) => name(r.requesterId) },
        {
          title: t('gift.visit'),
          key: 'visit',
          render: (_, r) =>
            r.sourceId ? <Link to={`/visits/${r.sourceId}`}>{t('actions.open')}</Link> : null,
        },
        {
          title: t('list.status'),
          key: 'state',
          render: (_, r) => <GiftStateTag status={r.status} />,
        },
        { key: 'decide', render: (_, r) => <GiftDecisionButtons request={r} /> },
      ]}
    />
  );
}

export function VisitsPage() {
  const { t } = useTranslation('visits');
  const { message } = App.useApp();
  const db = useDatabase();
  const user = useSession();
  const navigate = useNavigate();
  const reviewer = isReviewer(actorOf(user));

  const newVisit = async () => {
    try {
      const id = await startVisit(db, user, {});
      void navigate(`/visits/${id}`);
    } catch (e) {
      void message.error(
        t('errors.unexpected', { message: e instanceof Error ? e.message : String(e) }),
      );
    }
  };

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="visits-page">
      <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('title')}
        </Typography.Title>
        <Space wrap>
          <Button
            icon={<CalendarOutlined />}
            onClick={() => void navigate('/visits/plans')}
            data-testid="visits-to-plans"
          >
            {t('nav.plans')}
          </Button>
          <PrintBlankButton ownerId={user.id} />
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => void newVisit()}
            data-testid="visits-new"
          >
            {t('actions.newVisit')}
          </Button>
        </Space>
      </Space>
      <Tabs
        items={[
          { key: 'mine', label: t('tabs.mine'), children: <MyVisits /> },
          { key: 'due', label: t('tabs.due'), children: <DueCustomers /> },
          ...(reviewer
            ? [
                { key: 'review', label: t('tabs.review'), children: <ReviewQueue /> },
                { key: 'gifts', label: t('tabs.gifts'), children: <GiftApprovals /> },
              ]
            : []),
        ]}
      />
    </Space>
  );
}
