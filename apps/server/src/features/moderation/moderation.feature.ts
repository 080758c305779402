import type { Feature } from '../feature.js';
import { writeGuards } from '../conversations/index.js';
import './moderation.personal-data.js';
import { refuseIfMuted } from './mutes.service.js';
import { moderationHandlers } from './moderation.socket.js';

// A mute refuses posting, replying and reacting in its channel (and editing and pinning there).
writeGuards.push(refuseIfMuted);

export const moderationFeature: Feature = {
  name: 'moderation',
  socketHandlers: (app) => moderationHandlers(app),
};
