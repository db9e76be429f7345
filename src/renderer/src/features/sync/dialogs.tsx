import { Alert, Input, Modal, Spin, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReplicatedCollection } from '../../../../shared/schema';
import { signInErrorKey } from './session';
import type { SyncContextValue } from './SyncProvider';

type Pending = Partial<Record<ReplicatedCollection, number>> | null;

/** Sign-out says how many changes have not reached the server, and that they are kept. */
export function SignOutModal({ open, onClose, sync }: { open: boolean; onClose: () => void; sync: SyncContextValue }) {
  const { t } = useTranslation('sync');
  const [pending, setPending] = useState<Pending | 'counting'>('counting');
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!open) return;
    setPending('counting');
    let cancelled = false;
    void sync.pending().then((p) => !cancelled && setPending(p));
    return () => {
      cancelled = true;
    };
  }, [open, sync]);

  const count = pending && pending !== 'counting' ? Object.values(pending).reduce((a, b) => a + (b ?? 0), 0) : 0;
  const detail =
    pending && pending !== 'counting'
      ? (Object.entries(pending) as [ReplicatedCollection, number][]).map(([c, n]) => `${t(`collection.${c}`)} ${n}`).join('、')
      : '';

  return (
    <Modal
      open={open}
      title={t('signOut.title')}
      okText={t('signOut.confirm')}
      okButtonProps={{ danger: true, loading: busy, disabled: pending === 'counting', 'data-testid': 'signout-confirm' } as never}
      onCancel={onClose}
      onOk={async () => {
        setBusy(true);
        try {
          await sync.signOut();
        } finally {
          setBusy(false);
        }
      }}
    >
      <div data-testid="signout-pending" data-count={pending === 'counting' ? '' : String(count)}>
        {pending === 'counting' ? (
          <Spin size="small" description={t('signOut.counting')} />
        ) : pending === null ? (
          <Typography.Paragraph>{t('signOut.pendingUnknown')}</Typography.Paragraph>
        ) : count > 0 ? (
          <Alert type="warning" title={t('signOut.pending', { count, detail })} />
        ) : (
          <Typography.Paragraph>{t('signOut.none')}</Typography.Paragraph>
        )}
      </div>
    </Modal>
  );
}

/** After the server ended the sign-in (expired, revoked token): the password again, nothing else. */
export function SignInAgainModal({ open, onClose, sync }: { open: boolean; onClose: () => void; sync: SyncContextValue }) {
  const { t } = useTranslation('sync');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <Modal
      open={open}
      title={t('header.signInAgain')}
      okText={t('signIn.submit')}
      okButtonProps={{ loading: busy, disabled: password === '' }}
      onCancel={onClose}
      onOk={async () => {
        setBusy(true);
        setError(null);
        try {
          await sync.signInAgain(password);
          setPassword('');
          onClose();
        } catch (failure) {
          setError(t(signInErrorKey(failure), { message: failure instanceof Error ? failure.message : String(failure) }));
        } finally {
          setBusy(false);
        }
      }}
    >
      <Typography.Paragraph>{t('signIn.again')}</Typography.Paragraph>
      {error && <Alert type="error" title={error} style={{ marginBottom: 12 }} />}
      <Input.Password value={password} onChange={(e) => setPassword(e.target.value)} data-testid="reauth-password" />
    </Modal>
  );
}
