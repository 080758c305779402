import type { Feature } from '../feature.js';
// Registers messages, memberships, follows... for export and erasure.
import './conversations.personal-data.js';
import { joinConversationRooms } from './conversation-rooms.js';
import { onApprovalCheck, onUserApproved } from '../access/index.js';
import {
  addToChannels,
  checkApprovalChannels,
  seedDefaultChannels,
} from './conversations.service.js';
import { conversationHandlers } from './conversations.socket.js';
import { configureLocks } from './sequence.js';

onApprovalCheck.push((choice) => checkApprovalChannels(choice.decider, choice.channelIds));
onUserApproved.push((event, app) =>
  addToChannels(app, event.decider, event.userId, event.channelIds),
);

export const conversationsFeature: Feature = {
  name: 'conversations',
  socketHandlers: (app) => conversationHandlers(app),
  onConnection: (socket, app) => joinConversationRooms(socket, app),
  start: async (app) => {
    configureLocks(app.redis);
    await seedDefaultChannels();
  },
};
