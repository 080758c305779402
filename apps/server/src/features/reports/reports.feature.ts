import type { Feature } from '../feature.js';
import './reports.personal-data.js';
import { startReportJobs } from './reports.jobs.js';
import { reportHandlers } from './reports.socket.js';

const running: { stop(): void }[] = [];

/** Reports to the moderators: a live, claimable queue; the reporter is told the outcome. */
export const reportsFeature: Feature = {
  name: 'reports',
  socketHandlers: (app) => reportHandlers(app),
  start(app) {
    if (app.config.env !== 'test') running.push(startReportJobs(app));
  },
  stop() {
    for (const job of running.splice(0)) job.stop();
  },
};
