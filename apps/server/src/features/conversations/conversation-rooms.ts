import { rooms } from '@yhteistyotila/protocol';
import type { AppContext, TypedSocket } from '../../context.js';
import { hasLiveAccess, liveRoom, type LiveAccessListener } from '../../auth/live-access.js';
import { conversationIdsOf } from './conversations.service.js';
import { autoJoinOnce } from './default-channels.js';

/**
 * Every socket with live access (its person's consent is current) joins the rooms of its
 * person's conversations when it connects. Handlers that answer "what is new" (list, sync) wait
 * for this, so a reply never predates the socket's rooms: anything after the reply arrives as a
 * live event, anything before it is in the reply.
 */
const ready = new WeakMap<TypedSocket, Promise<void>>();

const roomsOf = async (userId: string) =>
  (await conversationIdsOf(userId)).map((id) => rooms.conversation(String(id)));

export function joinConversationRooms(socket: TypedSocket, app: AppContext): Promise<void> {
  const user = socket.data.user;
  if (!user) return Promise.resolve();
  const joining = (async () => {
    await autoJoinOnce(app, user);
    const names = await roomsOf(user.id);
    // Checked after the reads: consent may have been found out of date meanwhile.
    if (names.length && hasLiveAccess(socket)) await socket.join(names);
  })();
  // A failure is logged by the feature hook; handlers then proceed (the catch-up still works).
  ready.set(
    socket,
    joining.catch(() => undefined),
  );
  // A socket that is already gone (a tab closed at once, a shutdown) needs no rooms: not an error.
  return joining.catch((err: unknown) => {
    if (socket.connected) throw err;
  });
}

export const roomsReady = (socket: TypedSocket): Promise<void> =>
  ready.get(socket) ?? Promise.resolve();

/**
 * Conversation rooms follow live access on every process. Suspending runs after the person's
 * sockets left the live room, so a membership created meanwhile either is read here or its
 * "join" (addressed to the live room) reaches nobody.
 */
export const conversationRoomsFollowConsent: LiveAccessListener = {
  name: 'conversation-rooms',
  async suspend(app, userId) {
    const names = await roomsOf(userId);
    if (names.length) app.io.in(rooms.user(userId)).socketsLeave(names);
  },
  async restore(app, user) {
    const names = await roomsOf(user.id);
    if (names.length) app.io.in(liveRoom(user.id)).socketsJoin(names);
  },
};
