import type { AppContext } from '../../context.js';
import { DAY, HOUR } from '../../lib/time.js';
import { startPeriodicJob } from '../../lib/lease.js';
import { releaseClaim } from '../../lib/once.js';
import { ReportModel } from './report.model.js';

/**
 * A decided report is kept this long (a reporter may ask about it, a pattern of reports about
 * one person may matter), then deleted; the audit log keeps the decision itself.
 */
export const DECIDED_REPORT_RETENTION_DAYS = 365;

export async function purgeDecidedReports(now = new Date()): Promise<number> {
  const cutoff = new Date(now.getTime() - DECIDED_REPORT_RETENTION_DAYS * DAY);
  const old = await ReportModel.find(
    { status: { $ne: 'open' }, resolvedAt: { $lt: cutoff } },
    { _id: 1 },
  ).lean();
  for (const r of old) {
    await ReportModel.deleteOne({ _id: r._id });
    await releaseClaim(`report:decision:${String(r._id)}`);
  }
  return old.length;
}

export const startReportJobs = (app: AppContext) =>
  startPeriodicJob(
    {
      name: 'reports-retention',
      everyMs: HOUR,
      run: () => purgeDecidedReports().then(() => undefined),
    },
    app.log,
  );
