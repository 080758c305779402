import { lazy } from 'react';
import type { RouteObject } from 'react-router';
import type { FeatureModule, NavItem } from '../../app/feature-routes.js';

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

// Signed-in code, loaded only once someone is signed in (a visitor's pages load no socket).
export const HeaderItem: FeatureModule['HeaderItem'] = lazy(async () => ({
  default: (await import('./components/ReportOutcomeListener.js')).ReportOutcomeListener,
}));
