import type { AuthUser } from '../../auth/auth.js';
import type { AppContext } from '../../context.js';
import { oid } from '../../db/object-id.js';
import type { Facts } from '../../realtime/facts.js';
import { requireAction } from '../access/index.js';
import { LIVE_SLOT, MeetingModel, type MeetingDoc } from './meeting.model.js';
import { cancelOnce } from './meetings.service.js';
import { myProfile, updateMyProfile } from './profiles.service.js';
import { localDayOf } from './slots.js';

/**
 * An expert marks a local day away (their time zone) or back. Away: the day offers no slots,
 * and every meeting booked on it is cancelled with a notice and a cancelling .ics to its booker.
 */
export async function setAwayDay(
  app: AppContext,
  facts: Facts,
  user: AuthUser,
  input: { day: string; away: boolean },
  now = new Date(),
) {
  await requireAction(user, 'experts.setAvailability');
  const current = await myProfile(user);
  const days = new Set(current.awayDays);
  if (input.away) days.add(input.day);
  else days.delete(input.day);
  // Past days are dropped as they pass (presentMyProfile hides them already).
  const profile = await updateMyProfile(facts, user, { awayDays: [...days].sort() });
  if (!input.away) return { profile, cancelled: 0 };
  const booked = await MeetingModel.find({
    expertId: oid(user.id),
    slot: LIVE_SLOT,
  }).lean<MeetingDoc[]>();
  const onDay = booked.filter(
    (m) => m.start > now && localDayOf(m.start, profile.timeZone) === input.day,
  );
  for (const m of onDay) await cancelOnce(app, facts, m, 'away', now);
  return { profile, cancelled: onDay.length };
}
