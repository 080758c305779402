import type { Feature } from '../feature.js';
import './reports.personal-data.js';
import { reportHandlers } from './reports.socket.js';

/** Reports to the moderators: a live, claimable queue; the reporter is told the outcome. */
export const reportsFeature: Feature = {
  name: 'reports',
  socketHandlers: (app) => reportHandlers(app),
};
