import { App as AntApp, ConfigProvider, Result, Spin } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { useEffect, useState } from 'react';
import { I18nextProvider, useTranslation } from 'react-i18next';
import { HashRouter } from 'react-router';
import { LOCAL_PROFILE, type SessionUser } from '../../../shared/users';
import type { DanganDatabase } from '../db/database';
import { DatabaseProvider } from '../db/provider';
import { i18n, initI18n } from '../i18n';
import { SessionProvider } from '../session/session';
import { openAppDatabase } from './open';
import { Shell } from './Shell';

type Boot = { state: 'loading' } | { state: 'ready'; db: DanganDatabase; user: SessionUser } | { state: 'failed'; message: string };

function Localized({ children }: { children: React.ReactNode }) {
  const { i18n: instance } = useTranslation();
  const zh = instance.language === 'zh-CN';
  useEffect(() => {
    dayjs.locale(zh ? 'zh-cn' : 'en');
    document.documentElement.lang = instance.language;
  }, [zh, instance.language]);
  return (
    <ConfigProvider locale={zh ? zhCN : enUS} theme={{ token: { colorPrimary: '#1f5fa8', borderRadius: 4 } }}>
      <AntApp>{children}</AntApp>
    </ConfigProvider>
  );
}

export function App() {
  const [boot, setBoot] = useState<Boot>({ state: 'loading' });
  const [i18nReady, setI18nReady] = useState(false);

  useEffect(() => {
    let cancelled = false;
    void initI18n().then(() => !cancelled && setI18nReady(true));
    const user = LOCAL_PROFILE;
    openAppDatabase(user)
      .then((db) => !cancelled && setBoot({ state: 'ready', db, user }))
      .catch((error: unknown) => {
        if (!cancelled) setBoot({ state: 'failed', message: error instanceof Error ? error.message : String(error) });
      });
    return () => {
      cancelled = true;
    };
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
        {boot.state === 'ready' && (
          <SessionProvider user={boot.user}>
            <DatabaseProvider db={boot.db}>
              <HashRouter>
                <Shell />
              </HashRouter>
            </DatabaseProvider>
          </SessionProvider>
        )}
      </Localized>
    </I18nextProvider>
  );
}
