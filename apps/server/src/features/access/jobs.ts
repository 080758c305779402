import { rooms } from '@yhteistyotila/protocol';
import type { AppContext } from '../../context.js';
import type { Facts } from '../../realtime/facts.js';
import { DAY, HOUR, MINUTE } from '../../lib/time.js';
import { startPeriodicJob } from '../../lib/lease.js';
import { sendTemplate } from '../mail/index.js';
import { JoinRequestModel } from './join-request.model.js';
import { SessionModel } from '../../auth/session.model.js';
import { endUserSessions } from '../../auth/sessions.js';
import { purgeEndedSessions } from '../../auth/ended-sessions.js';
import { TokenModel } from './token.model.js';
import { UserModel } from '../../auth/user.model.js';
import { removeAuditReasonsAbout } from '../audit/index.js';
import { purgeRejectedAddresses } from './rejected-address.js';

/**
 * Retention: unverified requests go after RETENTION_UNVERIFIED_DAYS, rejected ones after
 * RETENTION_REJECTED_DAYS, with their links and the reasons written about them in the audit log;
 * a rejected address's hash when its wait ends. Spent links and expired sessions are cleaned too.
 * (No TTL indexes: FerretDB 1.x has none, so a periodic job does it.)
 */
export async function runRetention(
  app: AppContext,
  now = new Date(),
): Promise<{ unverified: number; rejected: number }> {
  const { unverifiedDays, rejectedDays } = app.config.retention;
  const stale = await JoinRequestModel.find(
    {
      $or: [
        {
          status: 'unverified',
          createdAt: { $lt: new Date(now.getTime() - unverifiedDays * DAY) },
        },
        { status: 'rejected', decidedAt: { $lt: new Date(now.getTime() - rejectedDays * DAY) } },
      ],
    },
    { _id: 1, status: 1 },
  ).lean();
  const ids = stale.map((r) => r._id);
  if (ids.length) {
    await TokenModel.deleteMany({ requestId: { $in: ids } });
    await JoinRequestModel.deleteMany({ _id: { $in: ids } });
    await removeAuditReasonsAbout(ids.map(String));
  }
  await purgeRejectedAddresses(now);
  await TokenModel.deleteMany({ expiresAt: { $lt: new Date(now.getTime() - DAY) } });
  await app.lucia.deleteExpiredSessions();
  await purgeEndedSessions(now);
  const counts = {
    unverified: stale.filter((r) => r.status === 'unverified').length,
    rejected: stale.filter((r) => r.status === 'rejected').length,
  };
  app.log.info(counts, 'join request retention done');
  return counts;
}

/** One mail to each active moderator and admin about requests waiting too long (once per request per period). */
export async function runJoinReminders(
  app: AppContext,
  facts: Facts,
  now = new Date(),
): Promise<number> {
  const hours = app.config.retention.joinReminderHours;
  const cutoff = new Date(now.getTime() - hours * HOUR);
  const waiting = await JoinRequestModel.find(
    {
      status: 'pending',
      verifiedAt: { $lt: cutoff },
      $or: [{ remindedAt: null }, { remindedAt: { $lt: cutoff } }],
    },
    { _id: 1 },
  ).lean();
  if (waiting.length === 0) return 0;
  const staff = await UserModel.find(
    { role: { $in: ['moderator', 'admin'] }, status: 'active' },
    { email: 1, language: 1 },
  ).lean();
  for (const person of staff) {
    await sendTemplate(app, person.email, person.language, {
      kind: 'moderator-reminder',
      count: waiting.length,
      hours,
      link: `${app.config.publicUrl}/moderointi`,
    }).catch((err: unknown) =>
      app.log.error({ err, userId: person._id.toHexString() }, 'reminder mail failed'),
    );
  }
  await JoinRequestModel.updateMany(
    { _id: { $in: waiting.map((w) => w._id) } },
    { $set: { remindedAt: now } },
  );
  // The moderators' notification centre hears of it too (features/notifications).
  facts.add(rooms.moderators(), 'joinRequest:waiting', {
    count: waiting.length,
    hours,
    remindedAt: now.toISOString(),
  });
  return waiting.length;
}

/**
 * Tidy-up of guest experts whose end date passed: their session rows go. Access itself ends at
 * the end date without this job: every check compares the date and each process closes its
 * guest sockets at that moment (guest-access.ts); this also catches a socket whose process
 * missed its timer.
 */
export async function runGuestExpiry(app: AppContext, now = new Date()): Promise<number> {
  const expired = await UserModel.find(
    { role: 'guest', guestUntil: { $lte: now } },
    { _id: 1 },
  ).lean();
  const ids = expired.map((u) => u._id);
  const withSessions = await SessionModel.distinct('userId', { userId: { $in: ids } });
  for (const id of withSessions) await endUserSessions(app, String(id), 'expired');
  return withSessions.length;
}

export function startAccessJobs(
  app: AppContext,
  publish: <T>(write: (facts: Facts) => Promise<T>) => Promise<T>,
): Array<{ stop(): void }> {
  return [
    startPeriodicJob(
      {
        name: 'access-retention',
        everyMs: HOUR,
        run: () => runRetention(app).then(() => undefined),
      },
      app.log,
    ),
    startPeriodicJob(
      {
        name: 'guest-expiry',
        everyMs: MINUTE,
        run: () => runGuestExpiry(app).then(() => undefined),
      },
      app.log,
    ),
    startPeriodicJob(
      {
        name: 'join-reminders',
        everyMs: 15 * MINUTE,
        run: () => publish((facts) => runJoinReminders(app, facts)).then(() => undefined),
      },
      app.log,
    ),
  ];
}
