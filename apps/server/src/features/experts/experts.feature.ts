import { can, rooms } from '@yhteistyotila/protocol';
import { forbidden } from '../../errors.js';
import { defineHandler } from '../../realtime/define-handler.js';
import { publishing } from '../../realtime/facts.js';
import { onUserErasing } from '../access/index.js';
import type { Feature } from '../feature.js';
import { setAwayDay } from './away.service.js';
import './experts.personal-data.js';
import { startMeetingJobs } from './meetings.jobs.js';
import {
  expertCard,
  listExperts,
  myProfile,
  saveProfile,
  setStatus,
  slotsOf,
} from './profiles.service.js';
import {
  bookMeeting,
  cancelForErasure,
  cancelMeeting,
  myMeetings,
  upcomingMeetingsOf,
} from './meetings.service.js';

const running: { stop(): void }[] = [];

// An erased account's upcoming meetings are cancelled with a notice to the other side: read
// before the erasure (both sides still exist), told after it.
// An erased expert leaves every open experts panel.
onUserErasing.push(async (userId, app) => {
  const [meetings, onPanel] = await Promise.all([upcomingMeetingsOf(userId), expertCard(userId)]);
  if (meetings.length === 0 && !onPanel) return undefined;
  return async () => {
    await publishing(app, async (facts) => {
      await cancelForErasure(app, facts, meetings);
      if (onPanel) facts.add(rooms.everyone(), 'experts:changed', { id: userId, card: null });
    });
  };
});

/** Experts' profiles and availability, and meetings in their office hours (issue 13, 3 and 4). */
export const expertsFeature: Feature = {
  name: 'experts',
  socketHandlers: (app) => [
    defineHandler('experts:list', async (_p, { user }) => {
      // Everyone may read the panel (a plain "yes" row): no read of the person for it.
      if (!can('experts.read', user)) throw forbidden();
      return { experts: await listExperts() };
    }),
    defineHandler('experts:mine', async (_p, { user }) => ({ profile: await myProfile(user) })),
    defineHandler('experts:save', async (p, { user, facts }) => ({
      profile: await saveProfile(facts, user, p),
    })),
    defineHandler('experts:setStatus', async (p, { user, facts }) => ({
      profile: await setStatus(facts, user, p),
    })),
    defineHandler('experts:awayDay', async (p, { user, facts }) => setAwayDay(app, facts, user, p)),
    defineHandler('experts:slots', async ({ expertId }, { user }) => {
      if (!can('experts.read', user)) throw forbidden();
      return slotsOf(expertId);
    }),
    defineHandler('meeting:book', async (p, { user, facts }) => ({
      meeting: await bookMeeting(app, facts, user, p),
    })),
    defineHandler('meeting:mine', async (_p, { user }) => ({ meetings: await myMeetings(user) })),
    defineHandler('meeting:cancel', async ({ meetingId }, { user, facts }) => ({
      meeting: await cancelMeeting(app, facts, user, meetingId),
    })),
  ],
  start(app) {
    // Tests run the job's function with their own clock (meetings.test.ts).
    if (app.config.env !== 'test') running.push(startMeetingJobs(app));
  },
  stop() {
    for (const job of running.splice(0)) job.stop();
  },
};
