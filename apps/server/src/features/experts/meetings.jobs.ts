import { MEETING_REMINDER_HOURS } from '@yhteistyotila/protocol';
import type { AppContext } from '../../context.js';
import { startPeriodicJob } from '../../lib/lease.js';
import { HOUR, MINUTE } from '../../lib/time.js';
import { LIVE_SLOT, MeetingModel, type MeetingDoc } from './meeting.model.js';
import { remindOnce } from './meetings.service.js';

/**
 * Reminder mails MEETING_REMINDER_HOURS before each meeting booked earlier than that (a meeting
 * booked for tomorrow morning got its booking mail a moment ago). The periodic job runs in one
 * process per interval (a lease), and each meeting's reminder is claimed once, so two processes,
 * or a late tick, never send it twice.
 */
export async function runMeetingReminders(app: AppContext, now = new Date()): Promise<number> {
  const horizon = new Date(now.getTime() + MEETING_REMINDER_HOURS * HOUR);
  // `slot` (an equality) narrows to live bookings; the range runs over those.
  const due = await MeetingModel.find({
    slot: LIVE_SLOT,
    remindedAt: null,
    start: { $gt: now, $lte: horizon },
  }).lean<MeetingDoc[]>();
  let sent = 0;
  for (const m of due) {
    if (m.createdAt.getTime() > m.start.getTime() - MEETING_REMINDER_HOURS * HOUR) continue;
    if (await remindOnce(app, m, now)) sent += 1;
  }
  return sent;
}

export const startMeetingJobs = (app: AppContext) =>
  startPeriodicJob(
    {
      name: 'meeting-reminders',
      everyMs: 5 * MINUTE,
      run: () => runMeetingReminders(app).then(() => undefined),
    },
    app.log,
  );
