import type { RouteObject } from 'react-router';
import type { NavItem } from '../../app/feature-routes.js';
import { ReportOutcomeListener } from './components/ReportOutcomeListener.js';

export const routes: RouteObject[] = [
  {
    path: '/ilmoitukset',
    lazy: async () => ({
      Component: (await import('./pages/ReportsQueuePage.js')).ReportsQueuePage,
    }),
  },
  {
    path: '/omat-ilmoitukset',
    lazy: async () => ({ Component: (await import('./pages/MyReportsPage.js')).MyReportsPage }),
  },
];

export const navItems: NavItem[] = [
  { to: '/ilmoitukset', labelKey: 'reports:nav.queue', audience: 'moderator', order: 81 },
];

export const HeaderItem = ReportOutcomeListener;
