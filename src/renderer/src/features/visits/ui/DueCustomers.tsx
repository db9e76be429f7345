import { PlayCircleOutlined } from '@ant-design/icons';
import { App, Button, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { VisitFlag } from '../../../../../shared/visits';
import { useDatabase } from '../../../db/provider';
import { useSession } from '../../../session/session';
import { startVisit } from '../data/visit-store';
import { useCustomers, useVisitFlags } from '../hooks';

interface Row extends VisitFlag {
  customerId: string;
}

/** Customers the current plans say are due or overdue for a visit, overdue first. */
export function DueCustomers() {
  const { t } = useTranslation('visits');
  const { message } = App.useApp();
  const db = useDatabase();
  const user = useSession();
  const navigate = useNavigate();
  const flags = useVisitFlags();
  const rows: Row[] = [...flags]
    .map(([customerId, flag]) => ({ customerId, ...flag }))
    .sort((a, b) =>
      a.state === b.state
        ? (a.nextDate ?? '').localeCompare(b.nextDate ?? '')
        : a.state === 'overdue'
          ? -1
          : 1,
    );
  const customers = useCustomers(rows.map((r) => r.customerId));

  const start = async (row: Row) => {
    try {
      const id = await startVisit(db, user, { customerId: row.customerId, planId: row.planId });
      void navigate(`/visits/${id}`);
    } catch (e) {
      void message.error(
        t('errors.unexpected', { message: e instanceof Error ? e.message : String(e) }),
      );
    }
  };

  return (
    <div data-testid="due-customers">
      <Table<Row>
        rowKey="customerId"
        size="small"
        dataSource={rows}
        locale={{ emptyText: t('plans.noneDue') }}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        columns={[
          {
            title: t('list.customer'),
            key: 'c',
            render: (_, r) => customers.get(r.customerId)?.name ?? r.customerId,
          },
          {
            title: t('list.status'),
            key: 's',
            width: 120,
            render: (_, r) => (
              <Tag color={r.state === 'overdue' ? 'red' : 'orange'}>
                {t(`plans.flag.${r.state}`)}
              </Tag>
            ),
          },
          {
            title: t('plans.plannedDates'),
            key: 'd',
            width: 140,
            render: (_, r) => r.nextDate ?? '—',
          },
          {
            key: 'a',
            width: 130,
            render: (_, r) => (
              <Button size="small" icon={<PlayCircleOutlined />} onClick={() => void start(r)}>
                {t('actions.startVisit')}
              </Button>
            ),
          },
        ]}
      />
    </div>
  );
}
