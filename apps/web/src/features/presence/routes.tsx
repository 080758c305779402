import { lazy } from 'react';
import type { FeatureModule } from '../../app/feature-routes.js';

/** Presence has no pages of its own: it reports this tab's activity from the header. */
export const HeaderItem: FeatureModule['HeaderItem'] = lazy(async () => ({
  default: (await import('./PresenceReporter.js')).PresenceReporter,
}));
