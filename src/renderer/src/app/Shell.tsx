import { Layout, Menu, Typography } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Route, Routes, useLocation, useNavigate } from 'react-router';
import { bridge } from '../platform/dangan';
import { LanguageSwitch } from './LanguageSwitch';
import { appRoutes } from './routes';
import { headerSlots } from './slots';
import { useStagedMount } from './staged';

const { Header, Sider, Content } = Layout;

/** Screens a menu command may open: the app's own fixed routes, nothing with parameters. */
const MENU_TARGETS = new Set(appRoutes.map((r) => r.path).filter((p) => !p.includes(':') && !p.includes('*')));

/** The menu entry of the screen shown; none for a screen without one (the sync page, settings' sub-pages). */
function activeKey(pathname: string): string | undefined {
  const matches = appRoutes.filter((r) => r.nav && (r.path === '/' ? pathname === '/' : pathname.startsWith(r.path)));
  return matches.at(-1)?.nav?.key;
}

export function Shell() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const navRoutes = appRoutes.filter((r) => r.nav);
  // The frame first, then the header's slots (search, sync status), then the screen: after
  // signing in, all of it in one commit was one task of 100–160 ms.
  const stage = useStagedMount(2);
  useEffect(
    () =>
      bridge().on('app:command', (payload) => {
        if (payload.command === 'navigate' && payload.arg && MENU_TARGETS.has(payload.arg)) void navigate(payload.arg);
      }),
    [navigate],
  );
  return (
    <Layout style={{ height: '100vh' }}>
      <Sider width={200} theme="light" style={{ borderRight: '1px solid #f0f0f0' }}>
        <div style={{ padding: '16px 20px' }}>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {t('appName')}
          </Typography.Title>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('appSubtitle')}
          </Typography.Text>
        </div>
        <Menu
          mode="inline"
          data-testid="nav"
          selectedKeys={[activeKey(location.pathname)].filter((k) => k !== undefined)}
          onClick={({ key }) => {
            const route = navRoutes.find((r) => r.nav?.key === key);
            if (route) void navigate(route.path);
          }}
          items={navRoutes.map((r) => ({ key: r.nav!.key, icon: r.nav!.icon, label: t(r.nav!.labelKey) }))}
        />
      </Sider>
      <Layout>
        <Header
          style={{
            background: '#fff',
            padding: '0 20px',
            display: 'flex',
            alignItems: 'center',
            gap: 12,
            borderBottom: '1px solid #f0f0f0',
          }}
        >
          <div style={{ flex: 1, display: 'flex', alignItems: 'center', gap: 12 }}>
            {stage >= 1 && headerSlots.map(({ key, Component }) => <Component key={key} />)}
          </div>
          <LanguageSwitch />
        </Header>
        <Content style={{ overflow: 'auto', padding: 20 }}>
          {stage >= 2 && (
            <Routes>
              {appRoutes.map((r) => (
                <Route key={r.path} path={r.path} element={r.element} />
              ))}
            </Routes>
          )}
        </Content>
      </Layout>
    </Layout>
  );
}
