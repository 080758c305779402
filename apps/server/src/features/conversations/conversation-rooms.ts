import { rooms } from '@yhteistyotila/protocol';
import type { AppContext, TypedSocket } from '../../context.js';
import { autoJoinOnce, conversationIdsOf } from './conversations.service.js';

/**
 * Every socket joins the rooms of its person's conversations when it connects. Handlers that
 * answer "what is new" (list, sync) wait for this, so a reply never predates the socket's rooms:
 * anything after the reply arrives as a live event, anything before it is in the reply.
 */
const ready = new WeakMap<TypedSocket, Promise<void>>();

export function joinConversationRooms(socket: TypedSocket, app: AppContext): Promise<void> {
  const user = socket.data.user;
  if (!user) return Promise.resolve();
  const joining = (async () => {
    await autoJoinOnce(app, user);
    const ids = await conversationIdsOf(user.id);
    if (ids.length) await socket.join(ids.map((id) => rooms.conversation(String(id))));
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
