import { App as AntApp, ConfigProvider, Result, Spin } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { startTransition, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { I18nextProvider, useTranslation } from 'react-i18next';
import { createHashRouter, RouterProvider } from 'react-router';
import { LOCAL_PROFILE } from '../../../shared/users';
import type { DanganDatabase } from '../db/database';
import { DatabaseProvider } from '../db/provider';
import { i18n, initI18n } from '../i18n';
import { SessionProvider } from '../session/session';
import { invoke } from '../platform/dangan';
import { SignInScreen, SyncProvider, type SignInNotice } from '../features/sync';
import { databaseKeyFor, rememberBootChoice, restoreSession, type AppSession } from '../features/sync/session';
import { openAppDatabase } from './open';
import { Shell } from './Shell';
import { APP_THEME } from './theme';

function Localized({ children }: { children: React.ReactNode }) {
  const { i18n: instance } = useTranslation();
  const zh = instance.language === 'zh-CN';
  useEffect(() => {
    dayjs.locale(zh ? 'zh-cn' : 'en');
    document.documentElement.lang = instance.language;
  }, [zh, instance.language]);
  return (
    <ConfigProvider locale={zh ? zhCN : enUS} theme={APP_THEME}>
      <AntApp>{children}</AntApp>
    </ConfigProvider>
  );
}

type Boot =
  | { state: 'loading' }
  | { state: 'signIn'; notice: SignInNotice }
  | { state: 'ready'; db: DanganDatabase; session: AppSession; dbKey: string }
  | { state: 'failed'; message: string };

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Boot: the session kept from the last online sign-in opens that user's database; without one,
 * the sign-in screen (once this laptop chose a server) or the local profile (a fresh install,
 * or a user who chose to work without a server). The database is opened with the user's key
 * for the encrypted fields, which main hands out only for the session it holds.
 */
/** A data router (not <HashRouter>): forms need useBlocker to ask before leaving unsaved changes. */
function AppRouter() {
  const router = useMemo(() => createHashRouter([{ path: '*', element: <Shell /> }]), []);
  return <RouterProvider router={router} />;
}

export function App() {
  const [boot, setBoot] = useState<Boot>({ state: 'loading' });
  const [i18nReady, setI18nReady] = useState(false);
  const bootRef = useRef(boot);
  bootRef.current = boot;

  const open = useCallback(async (session: AppSession) => {
    setBoot({ state: 'loading' });
    try {
      const dbKey = await databaseKeyFor(session.user);
      const db = await openAppDatabase(session.user, dbKey);
      // The whole app mounts now: as a transition React renders it in slices, not one task of
      // half a second (antd computes every component's styles on its first render).
      startTransition(() => setBoot({ state: 'ready', db, session, dbKey }));
    } catch (error) {
      setBoot({ state: 'failed', message: messageOf(error) });
    }
  }, []);

  useEffect(() => {
    let cancelled = false;
    void initI18n().then(() => !cancelled && setI18nReady(true));
    restoreSession()
      .then((restored) => {
        if (cancelled) return;
        if (restored === 'signIn') setBoot({ state: 'signIn', notice: null });
        else void open(restored);
      })
      .catch((error: unknown) => !cancelled && setBoot({ state: 'failed', message: messageOf(error) }));
    return () => {
      cancelled = true;
    };
  }, [open]);

  /** Signing out keeps the database (unsynced changes wait for this user's next sign-in). */
  const leave = useCallback(async (reason: 'signedOut' | 'signIn') => {
    const current = bootRef.current;
    if (current.state !== 'ready') return;
    setBoot({ state: 'loading' });
    await current.db.close().catch(() => undefined);
    if (reason === 'signedOut') {
      await invoke('secure:signOut', {});
      rememberBootChoice('server');
    }
    setBoot({ state: 'signIn', notice: reason === 'signedOut' ? 'signedOut' : null });
  }, []);

  if (!i18nReady) return null;
  return (
    <I18nextProvider i18n={i18n}>
      <Localized>
        {boot.state === 'loading' && (
          <div style={{ display: 'grid', placeItems: 'center', height: '100vh' }}>
            <Spin size="large" tip={i18n.t('loading')}>
              <div style={{ width: 120, height: 60 }} />
            </Spin>
          </div>
        )}
        {boot.state === 'failed' && (
          <Result status="error" title={i18n.t('errors.dbOpen', { message: boot.message })} />
        )}
        {boot.state === 'signIn' && (
          <SignInScreen
            notice={boot.notice}
            onSignedIn={(session) => void open(session)}
            onUseLocal={() => {
              rememberBootChoice('local');
              void open({ mode: 'local', user: LOCAL_PROFILE });
            }}
          />
        )}
        {boot.state === 'ready' && (
          <SessionProvider user={boot.session.user} key={`${boot.session.mode}:${boot.session.user.id}`}>
            <DatabaseProvider db={boot.db}>
              <SyncProvider session={boot.session} db={boot.db} dbKey={boot.dbKey} onLeave={(reason) => void leave(reason)}>
                <AppRouter />
              </SyncProvider>
            </DatabaseProvider>
          </SessionProvider>
        )}
      </Localized>
    </I18nextProvider>
  );
}
