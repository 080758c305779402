import type { Feature } from '../feature.js';
// Registers messages, memberships, follows... for export and erasure.
import './conversations.personal-data.js';
import { conversationRoomsFollowConsent, joinConversationRooms } from './conversation-rooms.js';
import { liveAccessListeners, onUserApproved } from '../access/index.js';
import { addToChannels, seedDefaultChannels } from './conversations.service.js';
import { conversationHandlers } from './conversations.socket.js';
import { configureLocks } from './sequence.js';

onUserApproved.push((event, app) => addToChannels(app, event.userId, event.channelIds));
liveAccessListeners.push(conversationRoomsFollowConsent);

export const conversationsFeature: Feature = {
  name: 'conversations',
  socketHandlers: (app) => conversationHandlers(app),
  onConnection: (socket, app) => joinConversationRooms(socket, app),
  start: async (app) => {
    configureLocks(app.redis);
    await seedDefaultChannels();
  },
};
