import type { Feature } from './feature.js';
import { systemFeature } from './system/system.feature.js';
import { accessFeature } from './access/index.js';
import { auditFeature } from './audit/index.js';
import { conversationsFeature } from './conversations/index.js';
import { presenceFeature } from './presence/index.js';
import { searchFeature } from './search/search.feature.js';

/** Every feature of the server, in start order. */
export const features: Feature[] = [
  systemFeature,
  accessFeature,
  auditFeature,
  conversationsFeature,
  presenceFeature,
  searchFeature,
];
