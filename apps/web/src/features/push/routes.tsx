import { lazy } from 'react';
import type { FeatureModule } from '../../app/feature-routes.js';

/** Push has no pages: its settings are a section of the profile page (PushSettings). */
// Signed-in code, loaded only once someone is signed in: a visitor's first load stays as it was.
export const HeaderItem: FeatureModule['HeaderItem'] = lazy(async () => ({
  default: (await import('./PushRuntime.js')).PushRuntime,
}));
