import { HomeOutlined, SettingOutlined } from '@ant-design/icons';
import type { ReactNode } from 'react';
import { HomePage } from '../features/home';
import { SettingsPage } from '../features/settings';

export interface AppRoute {
  path: string;
  element: ReactNode;
  /** Present when the route shows in the side navigation. */
  nav?: { key: string; icon: ReactNode; labelKey: string };
}

/** Every screen of the app. Features add their routes here, one entry each. */
export const appRoutes: AppRoute[] = [
  { path: '/', element: <HomePage />, nav: { key: 'home', icon: <HomeOutlined />, labelKey: 'nav.home' } },
  {
    path: '/settings',
    element: <SettingsPage />,
    nav: { key: 'settings', icon: <SettingOutlined />, labelKey: 'nav.settings' },
  },
];
