import { CloudSyncOutlined, LoginOutlined, LogoutOutlined, SyncOutlined, WarningOutlined } from '@ant-design/icons';
import { Badge, Button, Divider, Popover, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { ReplicatedCollection } from '../../../../shared/schema';
import { formatDate } from '../../i18n/format';
import { totalPending, type SyncPhase, type SyncStatus } from '../../sync/status';
import { SignInAgainModal, SignOutModal } from './dialogs';
import { useInbox } from './useInbox';
import { useOptionalSync, type SyncContextValue } from './SyncProvider';

const DOT: Record<SyncPhase, 'success' | 'processing' | 'default' | 'error' | 'warning'> = {
  starting: 'processing',
  online: 'success',
  syncing: 'processing',
  offline: 'warning',
  error: 'error',
  stopped: 'default',
};

const REAUTH = ['tokenExpired', 'tokenRevoked', 'unauthorized'] as const;

/** The sync state, always in the header: phase, last sync, what waits to go up, errors in words. */
export function SyncStatusBadge() {
  const sync = useOptionalSync();
  if (!sync) return null;
  if (sync.session.mode === 'local') return <LocalBadge sync={sync} />;
  return <ServerBadge sync={sync} status={sync.status} />;
}

function LocalBadge({ sync }: { sync: SyncContextValue }) {
  const { t } = useTranslation('sync');
  return (
    <Space data-testid="sync-status" size={4}>
      <Tag data-testid="sync-phase">{t('phase.local')}</Tag>
      <Button size="small" icon={<LoginOutlined />} onClick={sync.requestSignIn} data-testid="sync-signin">
        {t('header.signIn')}
      </Button>
    </Space>
  );
}

function useInboxCount(userId: string): number {
  return useInbox('conflict', userId, 100).docs.length + useInbox('rejected', userId, 100).docs.length;
}

export function problemText(t: (key: string, options?: Record<string, unknown>) => string, status: SyncStatus): string | null {
  if (!status.error) return null;
  return t(`errors.${status.error.code}`, { message: status.error.message, defaultValue: status.error.message });
}

function useOnceTrue(value: boolean): boolean {
  const [once, setOnce] = useState(value);
  if (value && !once) setOnce(true);
  return once || value;
}

function ServerBadge({ sync, status }: { sync: SyncContextValue; status: SyncStatus | null }) {
  const { t } = useTranslation('sync');
  const navigate = useNavigate();
  const [signingOut, setSigningOut] = useState(false);
  const [reauth, setReauth] = useState(false);
  const [detailsOpen, setDetailsOpen] = useState(false);
  // A dialog joins the tree when first opened (and stays, for its closing animation): closed,
  // it only re-rendered with every status.
  const signOutShown = useOnceTrue(signingOut);
  const reauthShown = useOnceTrue(reauth);
  const inbox = useInboxCount(sync.session.user.id);
  const phase: SyncPhase = status?.phase ?? 'starting';
  const pending = status ? totalPending(status) : 0;
  const problem = status ? problemText(t, status) : null;
  const offlineUnlocked = sync.session.mode === 'server' && !sync.session.token;
  const mayReauth = status?.stoppedBy ? (REAUTH as readonly string[]).includes(status.stoppedBy) : false;

  const details = (
    <div style={{ width: 320 }} data-testid="sync-details">
      {sync.session.mode === 'server' && (
        <Typography.Text type="secondary">{t('header.server', { url: sync.session.serverUrl })}</Typography.Text>
      )}
      {status?.standby && <Typography.Paragraph type="secondary">{t('header.standby')}</Typography.Paragraph>}
      <div>{status?.lastSyncAt ? t('header.lastSync', { time: formatDate(status.lastSyncAt, true) }) : t('header.never')}</div>
      <div data-testid="sync-pending">{pending > 0 ? t('header.pending', { count: pending }) : t('header.pendingNone')}</div>
      {status && pending > 0 && (
        <ul style={{ margin: '4px 0', paddingLeft: 18 }}>
          {(Object.entries(status.pending) as [ReplicatedCollection, number][]).map(([collection, count]) => (
            <li key={collection}>
              {t(`collection.${collection}`)}: {count}
            </li>
          ))}
        </ul>
      )}
      {status && status.received > 0 && <div>{t('header.received', { count: status.received })}</div>}
      {offlineUnlocked && <Typography.Paragraph type="warning">{t('header.offlineUnlocked')}</Typography.Paragraph>}
      {problem && (
        <Typography.Paragraph type="danger" data-testid="sync-error" style={{ marginBottom: 4 }}>
          <WarningOutlined /> {problem}
        </Typography.Paragraph>
      )}
      {status?.retryAt && phase === 'offline' && (
        <Typography.Text type="secondary">{t('header.retryAt', { time: formatDate(status.retryAt, true) })}</Typography.Text>
      )}
      <Divider style={{ margin: '8px 0' }} />
      <Space wrap>
        <Button size="small" icon={<SyncOutlined />} onClick={sync.syncNow} disabled={!!status?.stoppedBy && !offlineUnlocked} data-testid="sync-now">
          {t('header.syncNow')}
        </Button>
        {mayReauth && (
          <Button size="small" type="primary" icon={<LoginOutlined />} onClick={() => {
              setDetailsOpen(false);
              setReauth(true);
            }} data-testid="sync-reauth">
            {t('header.signInAgain')}
          </Button>
        )}
        <Button
          size="small"
          onClick={() => {
            setDetailsOpen(false);
            void navigate('/sync');
          }}
          data-testid="sync-open-inbox"
        >
          {t('header.inbox')}
          {inbox > 0 ? ` (${inbox})` : ''}
        </Button>
        <Button size="small" danger icon={<LogoutOutlined />} onClick={() => {
            setDetailsOpen(false);
            setSigningOut(true);
          }} data-testid="sync-signout">
          {t('header.signOut')}
        </Button>
      </Space>
    </div>
  );

  return (
    <>
      <Popover
        content={details}
        trigger="click"
        placement="bottomLeft"
        title={t('header.details')}
        open={detailsOpen}
        onOpenChange={setDetailsOpen}
      >
        <Button
          type="text"
          data-testid="sync-status"
          data-pending={pending}
          data-caught-up={status?.caughtUp.join(',') ?? ''}
          data-stopped-by={status?.stoppedBy ?? ''}
          data-error={status?.error?.code ?? ''}
          icon={<CloudSyncOutlined />}
        >
          <Badge status={DOT[phase]} />
          <span data-testid="sync-phase" data-phase={phase} data-standby={status?.standby ? 'true' : 'false'}>
            {status?.standby ? t('phase.standby') : t(`phase.${phase}`)}
          </span>
          {pending > 0 && <Tag style={{ marginInlineStart: 6 }}>{pending}</Tag>}
          {inbox > 0 && (
            <Tag color="orange" style={{ marginInlineStart: 4 }} data-testid="sync-inbox-count">
              {t('header.inboxCount', { count: inbox })}
            </Tag>
          )}
        </Button>
      </Popover>
      {status?.stoppedBy === 'deviceRevoked' && (
        <Typography.Text type="danger" data-testid="sync-revoked">
          {t('errors.deviceRevoked')}
        </Typography.Text>
      )}
      {signOutShown && <SignOutModal open={signingOut} onClose={() => setSigningOut(false)} sync={sync} />}
      {reauthShown && <SignInAgainModal open={reauth} onClose={() => setReauth(false)} sync={sync} />}
    </>
  );
}
