import { AUDIT_EXPORT_MAX, auditRoutes } from '@yhteistyotila/protocol';
import { Router } from 'express';
import { mountRoute } from '../../http/mount-route.js';
import { requireUser } from '../../http/validate.js';
import { startPeriodicJob } from '../../lib/lease.js';
import { createRateLimit } from '../../lib/rate-limit.js';
import { DAY } from '../../lib/time.js';
import { defineHandler } from '../../realtime/define-handler.js';
import { requireAction } from '../access/index.js';
import type { Feature } from '../feature.js';
import { auditCsv } from './audit.csv.js';
import './audit.personal-data.js';
import { allAudit, expireAuditReasons, listAudit } from './audit.service.js';

let jobs: Array<{ stop(): void }> = [];

/** The log is read and exported, never written to from outside: there is no edit or delete. */
export const auditFeature: Feature = {
  name: 'audit',
  socketHandlers: (app) => [
    defineHandler(
      'audit:list',
      async (p, { user }) => {
        await requireAction(user, 'audit.read');
        return listAudit(p);
      },
      // A staff member reads pages as fast as they click, never a storm of month walks.
      {
        rateLimit: createRateLimit(
          { name: 'audit-read', points: 60, durationSeconds: 60 },
          app.redis,
        ),
      },
    ),
  ],
  routes: (app) => {
    const router = Router();
    const exports = createRateLimit(
      { name: 'audit-export', points: 10, durationSeconds: 60 },
      app.redis,
    );
    mountRoute(app, router, auditRoutes.exportAudit, async ({ req, res, query }) => {
      const user = requireUser(req);
      await requireAction(user, 'audit.read');
      await exports.consume(user.id);
      const csv = auditCsv(await allAudit(query(), AUDIT_EXPORT_MAX));
      const day = new Date().toISOString().slice(0, 10);
      res.setHeader('Content-Type', 'text/csv; charset=utf-8');
      res.setHeader('Content-Disposition', `attachment; filename="audit-${day}.csv"`);
      res.setHeader('Cache-Control', 'no-store');
      res.end(csv);
    });
    return router;
  },
  start: (app) => {
    if (app.config.env === 'test') return;
    jobs = [
      startPeriodicJob(
        {
          name: 'audit-reason-retention',
          everyMs: DAY,
          run: async () => {
            await expireAuditReasons();
          },
        },
        app.log,
      ),
    ];
  },
  stop: () => {
    for (const job of jobs) job.stop();
    jobs = [];
  },
};
