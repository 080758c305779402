import { lazy } from 'react';
import type { FeatureModule } from '../../app/feature-routes.js';

/** Blocks have no pages of their own: the list is on the profile page, the buttons where people are. */
// Signed-in code, loaded only once someone is signed in (a visitor's pages load no socket).
export const HeaderItem: FeatureModule['HeaderItem'] = lazy(async () => ({
  default: (await import('./BlocksRuntime.js')).BlocksRuntime,
}));
