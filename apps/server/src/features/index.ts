import type { Feature } from './feature.js';
import { systemFeature } from './system/system.feature.js';
import { accessFeature } from './access/access.feature.js';
import { auditFeature } from './audit/audit.feature.js';
import { conversationsFeature } from './conversations/conversations.feature.js';
import { presenceFeature } from './presence/presence.feature.js';
import { searchFeature } from './search/search.feature.js';
import { privacyFeature } from './privacy/privacy.feature.js';
import { firstDayFeature } from './first-day/first-day.feature.js';
import { reportsFeature } from './reports/reports.feature.js';
import { moderationFeature } from './moderation/moderation.feature.js';
import { peopleFeature } from './people/people.feature.js';
import { blocksFeature } from './blocks/blocks.feature.js';
import { libraryFeature } from './library/library.feature.js';
import { questionsFeature } from './questions/questions.feature.js';
import { expertsFeature } from './experts/experts.feature.js';
import { pushFeature } from './push/push.feature.js';
import { notificationsFeature } from './notifications/notifications.feature.js';

/**
 * Every feature of the server, in start order. Each is imported from its `<name>.feature.ts`:
 * a feature's index.ts is what other features may use of it, and leaving the Feature object out
 * of it keeps two features that use each other's helpers (access records audit entries, audit
 * asks access who may read them) free of an import cycle.
 */
export const features: Feature[] = [
  systemFeature,
  accessFeature,
  auditFeature,
  conversationsFeature,
  presenceFeature,
  searchFeature,
  privacyFeature,
  firstDayFeature,
  reportsFeature,
  moderationFeature,
  peopleFeature,
  blocksFeature,
  libraryFeature,
  questionsFeature,
  expertsFeature,
  pushFeature,
  notificationsFeature,
];
