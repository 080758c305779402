import type { FeatureModule } from '../../app/feature-routes.js';
import { PresenceReporter } from './PresenceReporter.js';

/** Presence has no pages of its own: it reports this tab's activity from the header. */
export const HeaderItem: FeatureModule['HeaderItem'] = PresenceReporter;
