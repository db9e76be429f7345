import { Card, Descriptions, Tabs, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ReplicatedCollection } from '../../../../shared/schema';
import { formatDate } from '../../i18n/format';
import { useSession } from '../../session/session';
import { InboxList } from './InboxList';
import { KeepOfflineList } from './KeepOffline';
import { problemText } from './SyncStatusBadge';
import { useOptionalSync } from './SyncProvider';
import { TransfersPanel } from './TransfersPanel';

/** Sync in full: status per kind of data, the conflict inbox, refused writes, file transfers. */
export function SyncPage() {
  const { t } = useTranslation('sync');
  const user = useSession();
  const sync = useOptionalSync();
  const status = sync?.status ?? null;
  return (
    <div style={{ maxWidth: 980 }}>
      <Typography.Title level={3}>{t('page.title')}</Typography.Title>
      <Card size="small" style={{ marginBottom: 16 }} title={t('page.status')}>
        {sync?.session.mode === 'server' ? (
          <Descriptions size="small" column={2}>
            <Descriptions.Item label={t('page.status')}>{t(`phase.${status?.phase ?? 'starting'}`)}</Descriptions.Item>
            <Descriptions.Item label={t('header.details')}>
              {status?.lastSyncAt ? t('header.lastSync', { time: formatDate(status.lastSyncAt, true) }) : t('header.never')}
            </Descriptions.Item>
            {(Object.entries(status?.pending ?? {}) as [ReplicatedCollection, number][]).map(([c, n]) => (
              <Descriptions.Item key={c} label={t(`collection.${c}`)}>
                {t('header.pending', { count: n })}
              </Descriptions.Item>
            ))}
            {status && problemText(t, status) && <Descriptions.Item label="!">{problemText(t, status)}</Descriptions.Item>}
          </Descriptions>
        ) : (
          <Typography.Text type="secondary">{t('header.localHint')}</Typography.Text>
        )}
      </Card>
      <Tabs
        items={[
          { key: 'conflicts', label: t('inbox.conflicts'), children: <InboxList userId={user.id} kind="conflict" /> },
          { key: 'rejected', label: t('inbox.rejected'), children: <InboxList userId={user.id} kind="rejected" /> },
          { key: 'transfers', label: t('transfer.title'), children: <TransfersPanel /> },
          { key: 'offline', label: t('keepOffline.title'), children: <KeepOfflineList /> },
        ]}
      />
    </div>
  );
}
