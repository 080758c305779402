import { lazy } from 'react';
import type { RouteObject } from 'react-router';
import type { FeatureModule } from '../../app/feature-routes.js';
import { NOTIFICATION_PATHS } from './paths.js';

export const routes: RouteObject[] = [
  {
    path: NOTIFICATION_PATHS.all,
    lazy: async () => ({
      Component: (await import('./pages/NotificationsPage.js')).NotificationsPage,
    }),
  },
  {
    path: NOTIFICATION_PATHS.settings,
    lazy: async () => ({
      Component: (await import('./pages/NotificationSettingsPage.js')).NotificationSettingsPage,
    }),
  },
  {
    // Public: opened from a mail, signed in or not.
    path: NOTIFICATION_PATHS.unsubscribe,
    lazy: async () => ({
      Component: (await import('./pages/UnsubscribePage.js')).UnsubscribePage,
    }),
  },
];

// Signed-in code, loaded only once someone is signed in (a visitor's pages load no socket).
// Always in sight, also on a phone where the other header tools fold behind the menu.
export const HeaderBadge: FeatureModule['HeaderBadge'] = lazy(async () => ({
  default: (await import('./components/NotificationBell.js')).NotificationBell,
}));
