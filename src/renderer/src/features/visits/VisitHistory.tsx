import { PlusOutlined } from '@ant-design/icons';
import { App, Button, List, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { CustomerDoc } from '../../../../shared/schema';
import { useDatabase } from '../../db/provider';
import { formatDate } from '../../i18n/format';
import { useSession } from '../../session/session';
import { startVisit } from './data/visit-store';
import { useLiveList } from './live';
import { useUserName } from './names';
import { PrintBlankButton } from './print/PrintVisitButton';
import { PurposeTags, StatusTag } from './ui/StatusTag';
import { visitsOfCustomer } from './visits.queries';

const PAGE = 50;

/** A customer's visits in the archive, newest first, with the main outcomes at a glance. */
export function VisitHistory({
  customer,
  names,
}: {
  customer: Pick<CustomerDoc, 'id' | 'code' | 'name'>;
  /** Display names by user id, from the archive page. */
  names?: Record<string, string>;
}) {
  const { t } = useTranslation('visits');
  const { message } = App.useApp();
  const db = useDatabase();
  const user = useSession();
  const navigate = useNavigate();
  const directory = useUserName();
  const name = (id: string) => names?.[id] ?? directory(id);
  const { docs, loading } = useLiveList(
    visitsOfCustomer,
    { customerId: customer.id, limit: PAGE },
    [customer.id],
  );

  const start = async () => {
    try {
      const id = await startVisit(db, user, { customerId: customer.id });
      void navigate(`/visits/${id}`);
    } catch (e) {
      void message.error(
        t('errors.unexpected', { message: e instanceof Error ? e.message : String(e) }),
      );
    }
  };

  return (
    <div data-testid="customer-visit-history">
      <Space style={{ marginBottom: 8 }}>
        <Button
          type="primary"
          icon={<PlusOutlined />}
          onClick={() => void start()}
          data-testid="customer-start-visit"
        >
          {t('actions.startVisit')}
        </Button>
        <PrintBlankButton customer={customer} ownerId={user.id} />
      </Space>
      <List
        loading={loading}
        dataSource={docs}
        locale={{ emptyText: t('noVisits') }}
        renderItem={(v) => (
          <List.Item key={v.id} extra={<StatusTag status={v.status} />}>
            <List.Item.Meta
              title={
                <Space wrap>
                  <Link to={`/visits/${v.id}`}>{formatDate(v.startAt ?? v.at, true)}</Link>
                  <Typography.Text type="secondary">{name(v.ownerId)}</Typography.Text>
                  <PurposeTags purposes={v.purposes} />
                </Space>
              }
              description={
                <Typography.Paragraph
                  ellipsis={{ rows: 2 }}
                  style={{ marginBottom: 0 }}
                  data-testid="history-outcomes"
                >
                  {v.outcomes ? `${t('outcomesAtGlance')}：${v.outcomes}` : '—'}
                </Typography.Paragraph>
              }
            />
          </List.Item>
        )}
      />
    </div>
  );
}
