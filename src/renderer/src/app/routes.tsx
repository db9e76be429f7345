import { CalendarOutlined, CarOutlined, HomeOutlined, SettingOutlined, TeamOutlined } from '@ant-design/icons';
import type { ReactNode } from 'react';
import { ArchivePage, CustomerFormPage, StatusListPage } from '../features/customers';
import { DemoPage } from '../features/demo';
import { HomePage } from '../features/home';
import { ImportPage } from '../features/import';
import { PlanPage, PlansPage } from '../features/plans';
import { SettingsPage } from '../features/settings';
import { SyncPage } from '../features/sync/SyncPage';
import { VisitReportPage, VisitsPage } from '../features/visits';

export interface AppRoute {
  path: string;
  element: ReactNode;
  /** Present when the route shows in the side navigation. */
  nav?: { key: string; icon: ReactNode; labelKey: string };
}

/** Every screen of the app. Features add their routes here, one entry each. */
export const appRoutes: AppRoute[] = [
  { path: '/', element: <HomePage />, nav: { key: 'home', icon: <HomeOutlined />, labelKey: 'nav.home' } },
  { path: '/customers', element: <StatusListPage />, nav: { key: 'customers', icon: <TeamOutlined />, labelKey: 'nav.customers' } },
  { path: '/customers/new', element: <CustomerFormPage /> },
  { path: '/customers/:id', element: <ArchivePage /> },
  { path: '/customers/:id/edit', element: <CustomerFormPage /> },
  { path: '/import', element: <ImportPage /> },
  { path: '/demo', element: <DemoPage /> },
  { path: '/visits', element: <VisitsPage />, nav: { key: 'visits', icon: <CarOutlined />, labelKey: 'nav.visits' } },
  { path: '/visits/plans', element: <PlansPage />, nav: { key: 'plans', icon: <CalendarOutlined />, labelKey: 'visits:nav.plans' } },
  { path: '/visits/plans/:id', element: <PlanPage /> },
  { path: '/visits/:id', element: <VisitReportPage /> },
  { path: '/sync', element: <SyncPage /> },
  {
    path: '/settings',
    element: <SettingsPage />,
    nav: { key: 'settings', icon: <SettingOutlined />, labelKey: 'nav.settings' },
  },
];
