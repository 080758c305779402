import type { FeatureModule } from '../../app/feature-routes.js';
import { expertsPaths } from './paths.js';

export const routes: FeatureModule['routes'] = [
  {
    path: expertsPaths.panel,
    lazy: async () => ({ Component: (await import('./ExpertsPage.js')).ExpertsPage }),
  },
  {
    path: expertsPaths.meetings,
    lazy: async () => ({ Component: (await import('./MyMeetingsPage.js')).MyMeetingsPage }),
  },
  {
    path: expertsPaths.own,
    lazy: async () => ({
      Component: (await import('./MyExpertProfilePage.js')).MyExpertProfilePage,
    }),
  },
];

export const navItems: FeatureModule['navItems'] = [
  { to: expertsPaths.panel, labelKey: 'experts:nav', audience: 'guest', order: 17 },
];
