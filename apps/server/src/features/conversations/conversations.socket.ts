import { TYPING_TIMEOUT_MS, rooms, type Message } from '@yhteistyotila/protocol';
import type { AppContext } from '../../context.js';
import { personRefOf } from '../../auth/people.js';
import { forbidden } from '../../errors.js';
import { allOf, createRateLimit } from '../../lib/rate-limit.js';
import { defineHandler, type SocketHandler } from '../../realtime/define-handler.js';
import type { Facts } from '../../realtime/facts.js';
import { roomsReady } from './conversation-rooms.js';
import * as channels from './channels.service.js';
import * as conversations from './conversations.service.js';
import * as dms from './dms.service.js';
import * as membership from './membership.service.js';
import * as messages from './messages.service.js';
import * as people from './people.service.js';
import { markRead } from './read-state.service.js';
import * as threads from './threads.service.js';

export function conversationHandlers(app: AppContext): SocketHandler[] {
  // 30 per 10 s, at most MESSAGE_SEND_BURST (5) of them in one second: a burst of 30 messages
  // at once reaches every member together and delays everybody else's (bench: flood).
  const sendLimit = allOf(
    createRateLimit(
      { name: 'message-send-burst', points: app.config.messageSendBurst, durationSeconds: 1 },
      app.redis,
    ),
    createRateLimit({ name: 'message-send', points: 30, durationSeconds: 10 }, app.redis),
  );
  const writeLimit = createRateLimit(
    { name: 'message-write', points: 60, durationSeconds: 10 },
    app.redis,
  );
  const channelLimit = createRateLimit(
    { name: 'channel-write', points: 20, durationSeconds: 60 },
    app.redis,
  );
  // Typing is throttled by clients to one per ~3 s; this only stops a runaway client.
  const typingLimit = createRateLimit(
    { name: 'typing', points: Math.ceil((20 * 1000) / TYPING_TIMEOUT_MS) * 5, durationSeconds: 20 },
    app.redis,
  );

  const toConversation = (id: string) => rooms.conversation(id);
  /** Tells the conversation about a message change, only when something actually changed. */
  const announceIfChanged = (
    facts: Facts,
    { message, changed }: { message: Message; changed: boolean },
  ) => {
    if (changed) facts.add(toConversation(message.conversationId), 'message:updated', { message });
    return { message };
  };

  return [
    defineHandler('conversation:list', async (_p, { user, socket }) => {
      await roomsReady(socket);
      return { conversations: await conversations.listMine(user) };
    }),
    defineHandler('conversation:get', async (p, { user }) =>
      conversations.getConversation(user, p.conversationId),
    ),
    defineHandler('conversation:members', async (p, { user }) =>
      membership.members(user, p.conversationId),
    ),
    defineHandler('conversation:sync', async (p, { user, socket }) => {
      await roomsReady(socket);
      const inRoom = socket.rooms.has(toConversation(p.conversationId));
      return messages.sync(user, p.conversationId, p.sinceChangeSeq, inRoom);
    }),

    defineHandler('channel:browse', async (p, { user }) => ({
      channels: await channels.browse(user, p.includeArchived ?? false),
    })),
    defineHandler(
      'channel:create',
      async (p, { user, facts }) => ({
        conversation: await channels.createChannel(app, facts, user, p),
      }),
      { rateLimit: channelLimit },
    ),
    defineHandler(
      'channel:update',
      async (p, { user, facts }) => ({
        conversation: await channels.updateChannel(facts, user, p),
      }),
      { rateLimit: channelLimit },
    ),
    defineHandler('channel:join', async (p, { user, facts }) => ({
      conversation: await membership.join(app, facts, user, p.conversationId),
    })),
    defineHandler('channel:leave', async (p, { user, facts }) => {
      await membership.leave(app, facts, user, p.conversationId);
      return {};
    }),
    defineHandler(
      'channel:invite',
      async (p, { user, facts }) => ({
        added: await membership.invite(app, facts, user, p.conversationId, p.userIds),
      }),
      { rateLimit: channelLimit },
    ),
    defineHandler('channel:archive', async (p, { user, facts }) => ({
      conversation: await channels.archiveChannel(
        facts,
        user,
        p.conversationId,
        p.archived,
        p.reason,
      ),
    })),

    defineHandler(
      'dm:open',
      async (p, { user, facts }) => dms.openDm(app, facts, user, p.userIds),
      {
        rateLimit: channelLimit,
      },
    ),

    defineHandler(
      'message:send',
      async (p, { user, facts }) => {
        const result = await messages.sendMessage(user, p);
        if (result.created) {
          const room = toConversation(result.message.conversationId);
          facts.add(room, 'message:created', { message: result.message });
          if (result.root) facts.add(room, 'message:updated', { message: result.root });
        }
        return { message: result.message };
      },
      { rateLimit: sendLimit },
    ),
    defineHandler(
      'message:edit',
      async (p, { user, facts }) => {
        const message = await messages.editMessage(user, p.messageId, p.text);
        facts.add(toConversation(message.conversationId), 'message:updated', { message });
        return { message };
      },
      { rateLimit: writeLimit },
    ),
    defineHandler(
      'message:delete',
      async (p, { user, facts }) => ({
        message: await messages.deleteMessage(facts, user, p.messageId, p.reason),
      }),
      { rateLimit: writeLimit },
    ),
    defineHandler(
      'message:react',
      async (p, { user, facts }) => {
        return announceIfChanged(
          facts,
          await messages.reactToMessage(user, p.messageId, p.emoji, p.reacted),
        );
      },
      { rateLimit: writeLimit },
    ),
    defineHandler(
      'message:pin',
      async (p, { user, facts }) => {
        return announceIfChanged(facts, await messages.pinMessage(user, p.messageId, p.pinned));
      },
      { rateLimit: writeLimit },
    ),
    defineHandler('message:edits', async (p, { user }) => ({
      edits: await messages.messageEdits(user, p.messageId),
    })),
    defineHandler('message:pins', async (p, { user }) => ({
      messages: await messages.pinnedMessages(user, p.conversationId),
    })),
    defineHandler('message:history', async (p, { user }) => messages.history(user, p)),

    defineHandler('read:mark', async (p, { user, facts }) => ({
      readState: await markRead(facts, user, p.conversationId, p.seq),
    })),

    defineHandler('thread:follow', async (p, { user, facts }) =>
      threads.followThread(facts, user, p.threadRootId, p.following),
    ),
    defineHandler('thread:read', async (p, { user }) =>
      threads.markThreadRead(user, p.threadRootId, p.seq),
    ),
    defineHandler('thread:list', async (p, { user }) => ({
      threads: await threads.listThreads(user, p.unreadOnly ?? false),
    })),

    // Typing: membership is read from the socket's rooms (joined only for members), no database hit.
    defineHandler(
      'typing:start',
      async (p, { user, socket, facts }) => {
        const room = toConversation(p.conversationId);
        if (!socket.rooms.has(room)) throw forbidden('not a member');
        facts.add(
          room,
          'typing:started',
          {
            conversationId: p.conversationId,
            threadRootId: p.threadRootId ?? null,
            user: personRefOf(user),
          },
          { volatile: true, except: socket.id },
        );
        return {};
      },
      { rateLimit: typingLimit },
    ),
    defineHandler(
      'typing:stop',
      async (p, { user, socket, facts }) => {
        const room = toConversation(p.conversationId);
        if (!socket.rooms.has(room)) throw forbidden('not a member');
        facts.add(
          room,
          'typing:stopped',
          {
            conversationId: p.conversationId,
            threadRootId: p.threadRootId ?? null,
            userId: user.id,
          },
          { volatile: true, except: socket.id },
        );
        return {};
      },
      { rateLimit: typingLimit },
    ),

    defineHandler('people:search', async (p, { user }) => ({
      people: await people.searchPeople(user, p.query, p.conversationId),
    })),
  ];
}
