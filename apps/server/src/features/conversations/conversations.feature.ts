import type { Feature } from '../feature.js';
import { flushConversationActivity } from './conversation-activity.js';
// Registers messages, memberships, follows... for export and erasure.
import './conversations.personal-data.js';
import { conversationRoomsFollowConsent, joinConversationRooms } from './conversation-rooms.js';
import { liveAccessListeners } from '../../auth/live-access.js';
import { onApprovalCheck, onUserApproved, onUserErasing } from '../access/index.js';
import { seedDefaultChannels } from './default-channels.js';
import {
  addToChannels,
  announceErased,
  checkApprovalChannels,
  conversationsOfErased,
} from './membership.service.js';
import { conversationHandlers } from './conversations.socket.js';
import { messageKeysMigration } from './message-keys.migration.js';
import { configureLocks } from './sequence.js';
import { publishing } from '../../realtime/facts.js';

onApprovalCheck.push((choice) => checkApprovalChannels(choice.decider, choice.channelIds));
onUserApproved.push((event, app) =>
  publishing(app, (facts) =>
    addToChannels(app, facts, event.decider, event.userId, event.channelIds),
  ),
);
onUserErasing.push(async (userId, app) => {
  const conversationIds = await conversationsOfErased(userId);
  return () => publishing(app, (facts) => announceErased(app, facts, userId, conversationIds));
});
liveAccessListeners.push(conversationRoomsFollowConsent);

export const conversationsFeature: Feature = {
  name: 'conversations',
  socketHandlers: (app) => conversationHandlers(app),
  onConnection: (socket, app) => joinConversationRooms(socket, app),
  migrations: [messageKeysMigration],
  start: async (app) => {
    configureLocks(app.redis);
    await seedDefaultChannels();
  },
  // A clean stop writes the last sends' bookkeeping now rather than losing it.
  stop: () => flushConversationActivity(),
};
