import type { FeatureModule } from '../../app/feature-routes.js';
import { BlocksRuntime } from './BlocksRuntime.js';

/** Blocks have no pages of their own: the list is on the profile page, the buttons where people are. */
export const HeaderItem: FeatureModule['HeaderItem'] = BlocksRuntime;
