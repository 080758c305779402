import type { Feature } from './feature.js';
import { systemFeature } from './system/system.feature.js';

/** Every feature of the server, in start order. */
export const features: Feature[] = [systemFeature];
