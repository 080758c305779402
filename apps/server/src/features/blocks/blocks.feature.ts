import { defineHandler } from '../../realtime/define-handler.js';
import { requireAction } from '../access/index.js';
import type { Feature } from '../feature.js';
import './blocks.personal-data.js';
import { blockPerson, listBlocked, unblockPerson } from './blocks.service.js';

export const blocksFeature: Feature = {
  name: 'blocks',
  socketHandlers: () => [
    defineHandler('block:list', async (_p, { user }) => {
      await requireAction(user, 'person.block');
      return { blocked: await listBlocked(user.id) };
    }),
    defineHandler('block:add', async ({ userId }, { user, facts }) => {
      await requireAction(user, 'person.block');
      return { blocked: await blockPerson(facts, user, userId) };
    }),
    defineHandler('block:remove', async ({ userId }, { user, facts }) => {
      await requireAction(user, 'person.block');
      await unblockPerson(facts, user, userId);
      return {};
    }),
  ],
};
