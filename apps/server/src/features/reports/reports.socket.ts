import type { AppContext } from '../../context.js';
import { createRateLimit } from '../../lib/rate-limit.js';
import { defineHandler, type SocketHandler } from '../../realtime/define-handler.js';
import {
  claimReport,
  createReport,
  listReports,
  myReports,
  releaseReport,
  resolveReport,
} from './reports.service.js';

/** Reports a person may make in an hour: plenty for real use, too few to flood the queue. */
export const REPORTS_PER_HOUR = 20;

export function reportHandlers(app: AppContext): SocketHandler[] {
  const reporting = createRateLimit(
    { name: 'report-create', points: REPORTS_PER_HOUR, durationSeconds: 3600 },
    app.redis,
  );
  const decisions = createRateLimit(
    { name: 'report-decisions', points: 120, durationSeconds: 60 },
    app.redis,
  );
  return [
    defineHandler(
      'report:create',
      async (p, { user, facts }) => ({ report: await createReport(facts, user, p) }),
      { rateLimit: reporting },
    ),
    defineHandler('report:mine', async (_p, { user }) => ({ reports: await myReports(user) })),
    defineHandler('report:list', async (p, { user }) => ({
      reports: await listReports(user, p.status),
    })),
    defineHandler(
      'report:claim',
      async (p, { user, facts }) => ({ report: await claimReport(facts, user, p.id) }),
      { rateLimit: decisions },
    ),
    defineHandler(
      'report:release',
      async (p, { user, facts }) => ({ report: await releaseReport(facts, user, p.id) }),
      { rateLimit: decisions },
    ),
    defineHandler(
      'report:resolve',
      async (p, { user, facts }) => ({ report: await resolveReport(facts, user, p) }),
      { rateLimit: decisions },
    ),
  ];
}
