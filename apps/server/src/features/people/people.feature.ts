import { defineHandler } from '../../realtime/define-handler.js';
import type { Feature } from '../feature.js';
import { getPerson, listPeople } from './people.service.js';

/** The people page (moderators and admins); the actions on a person are in access. */
export const peopleFeature: Feature = {
  name: 'people',
  socketHandlers: () => [
    defineHandler('people:list', async (p, { user }) => listPeople(user, p)),
    defineHandler('people:get', async (p, { user }) => ({
      person: await getPerson(user, p.userId),
    })),
  ],
};
