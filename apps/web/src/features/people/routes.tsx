import type { RouteObject } from 'react-router';
import type { NavItem } from '../../app/feature-routes.js';

/** The people page: moderators and admins; loaded on first visit. */
export const routes: RouteObject[] = [
  {
    path: '/ihmiset',
    lazy: async () => ({ Component: (await import('./pages/PeoplePage.js')).PeoplePage }),
  },
  {
    path: '/ihmiset/:userId',
    lazy: async () => ({ Component: (await import('./pages/PersonPage.js')).PersonPage }),
  },
];

/** Beside the join requests (moderation), for the same people. */
export const navItems: NavItem[] = [
  { to: '/ihmiset', labelKey: 'people:nav', audience: 'moderator', order: 81 },
];
