import type { FeatureModule } from '../../app/feature-routes.js';
import { SearchBox } from './SearchBox.js';

export const routes: FeatureModule['routes'] = [
  {
    path: '/haku',
    lazy: async () => ({ Component: (await import('./SearchPage.js')).SearchPage }),
  },
];

/** The header's search field, for signed-in people on every page. */
export const HeaderItem: FeatureModule['HeaderItem'] = SearchBox;
