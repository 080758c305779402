import { lazy } from 'react';
import type { FeatureModule } from '../../app/feature-routes.js';

export const routes: FeatureModule['routes'] = [
  {
    path: '/haku',
    lazy: async () => ({ Component: (await import('./SearchPage.js')).SearchPage }),
  },
];

/** The header's search field, for signed-in people on every page. */
export const HeaderItem: FeatureModule['HeaderItem'] = lazy(async () => ({
  default: (await import('./SearchBox.js')).SearchBox,
}));
