import { CloudDownloadOutlined } from '@ant-design/icons';
import { Button, Empty, List, Switch, Tooltip, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CustomerDoc } from '../../../../shared/schema';
import { usePreference } from '../../db/preferences';
import { useDatabase } from '../../db/provider';
import { useSession } from '../../session/session';
import { KEEP_OFFLINE_KEY, setKeptOffline, useKeepOffline, type KeepOffline } from './keep-offline';

/** "Keep offline" for one customer, for the customer's page (before a trip). */
export function KeepOfflineToggle({ customerId }: { customerId: string }) {
  const { t } = useTranslation('sync');
  const user = useSession();
  const { kept, toggle } = useKeepOffline(user.id, customerId);
  const [busy, setBusy] = useState(false);
  return (
    <Tooltip title={t('keepOffline.hint')}>
      <span>
        <Switch
          size="small"
          loading={busy || kept === undefined}
          checked={kept ?? false}
          data-testid="keep-offline"
          onChange={async (next) => {
            setBusy(true);
            try {
              await toggle(next);
            } finally {
              setBusy(false);
            }
          }}
        />{' '}
        <CloudDownloadOutlined /> {kept ? t('keepOffline.on') : t('keepOffline.toggle')}
      </span>
    </Tooltip>
  );
}

/** The customers this user keeps offline, by name, each removable. */
export function KeepOfflineList() {
  const { t } = useTranslation('sync');
  const db = useDatabase();
  const user = useSession();
  const pref = usePreference<KeepOffline>(user.id, KEEP_OFFLINE_KEY);
  const ids = pref?.customerIds ?? [];
  const [customers, setCustomers] = useState<Map<string, CustomerDoc>>(new Map());
  useEffect(() => {
    let cancelled = false;
    void db.collections.customers.findByIds(ids).exec().then((found) => {
      if (!cancelled) setCustomers(new Map([...found].map(([id, doc]) => [id, doc.toJSON() as CustomerDoc])));
    });
    return () => {
      cancelled = true;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [db, ids.join(',')]);
  if (ids.length === 0) return <Empty description={t('keepOffline.empty')} />;
  return (
    <List
      size="small"
      header={<Typography.Text type="secondary">{t('keepOffline.hint')}</Typography.Text>}
      dataSource={ids}
      renderItem={(id) => (
        <List.Item
          actions={[
            <Button key="remove" size="small" onClick={() => void setKeptOffline(db, user.id, id, false)}>
              {t('keepOffline.remove')}
            </Button>,
          ]}
        >
          {customers.get(id) ? `${customers.get(id)!.code} ${customers.get(id)!.name}` : id}
        </List.Item>
      )}
    />
  );
}
