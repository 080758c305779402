import type { RouteObject } from 'react-router';
import type { NavItem } from '../../app/feature-routes.js';

export const routes: RouteObject[] = [
  {
    path: '/yllapito/tietosuoja',
    lazy: async () => ({
      Component: (await import('./pages/PublishPrivacyPage.js')).PublishPrivacyPage,
    }),
  },
];

export const navItems: NavItem[] = [
  { to: '/yllapito/tietosuoja', labelKey: 'privacy:nav.publish', audience: 'admin', order: 90 },
];
