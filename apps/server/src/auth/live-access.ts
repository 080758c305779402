import { isStaff, rooms, type Role } from '@yhteistyotila/protocol';
import type { AppContext, TypedSocket } from '../context.js';
import { UserModel } from './user.model.js';

/**
 * Live access: what an open socket hears of other people (their messages in its conversation
 * rooms, everyone's presence, the moderators' queue) and whether it shows its person online.
 * Only a person who accepted the privacy statement in force has it. Without it a socket keeps
 * only the rooms it needs to re-consent or be signed out: `user:<id>` (facts about the person's
 * own account, and the handle for this mechanism) and `session:<id>` (revocation). It joins no
 * conversation, `everyone` or moderators' room, and appears in no presence (docs/decisions.md 30).
 *
 * `live:<userId>` holds exactly the person's sockets that have live access. Anything that adds a
 * socket to a room carrying other people's data addresses this room, never `user:<id>`, so a
 * socket without live access cannot be put into one by a change elsewhere (added to a channel,
 * made a moderator).
 */
export const liveRoom = (userId: string) => `live:${userId}`;

/** Rooms kept only while the consent is current (conversation rooms come from the listeners). */
const liveOnlyRooms = (userId: string, staff: boolean) => [
  liveRoom(userId),
  rooms.everyone(),
  ...(staff ? [rooms.moderators()] : []),
];

export const hasLiveAccess = (socket: TypedSocket): boolean => {
  const user = socket.data.user;
  return user !== null && socket.rooms.has(liveRoom(user.id));
};

/**
 * Features whose rooms or state follow live access (conversations: their rooms; presence: the
 * person's entries). Listeners run after the core rooms changed; a failure is logged and the
 * others still run.
 */
export interface LiveAccessListener {
  name: string;
  suspend(app: AppContext, userId: string): Promise<void>;
  restore(app: AppContext, user: { id: string; role: Role; expert: boolean }): Promise<void>;
}
export const liveAccessListeners: LiveAccessListener[] = [];

/** At connect (socket-server): the person's own rooms always, the live ones with consent. */
export function joinRoomsAtConnect(app: AppContext, socket: TypedSocket): void {
  const { user, sessionId } = socket.data;
  if (!user || !sessionId) return;
  void socket.join([rooms.user(user.id), rooms.session(sessionId)]);
  if (!app.privacy.mustReconsent(user.consentVersion))
    void socket.join(liveOnlyRooms(user.id, isStaff(user.role)));
}

/**
 * "This person's consent is out of date: leave every room now." Every open socket of the person,
 * on every process (the adapter carries socketsLeave), leaves the rooms that carry other people's
 * data and drops out of presence, without being disconnected: it can still read the statement,
 * accept it and be signed out. The live room goes first, so a concurrent "join the new channel"
 * (addressed to it) either reaches the socket before the listeners read the memberships, or
 * reaches nobody.
 */
export async function suspendLiveAccess(app: AppContext, userId: string): Promise<void> {
  app.io.in(rooms.user(userId)).socketsLeave(liveOnlyRooms(userId, true));
  for (const listener of liveAccessListeners) {
    await listener.suspend(app, userId).catch((err: unknown) => {
      app.log.error({ err, userId, listener: listener.name }, 'live access suspend failed');
    });
  }
}

/**
 * Consent given: the person's open sockets rejoin their rooms and show online again, without a
 * reconnect. Reads the person afresh and does nothing unless their consent is current and the
 * account active (a late call cannot undo a newer suspension). Returns whether access is live.
 */
export async function restoreLiveAccess(app: AppContext, userId: string): Promise<boolean> {
  const doc = await UserModel.findById(userId, {
    role: 1,
    expert: 1,
    status: 1,
    consentVersion: 1,
  }).lean();
  if (!doc || doc.status !== 'active' || app.privacy.mustReconsent(doc.consentVersion ?? null))
    return false;
  const user = { id: userId, role: doc.role as Role, expert: doc.expert };
  app.io.in(rooms.user(userId)).socketsJoin(liveOnlyRooms(userId, isStaff(user.role)));
  for (const listener of liveAccessListeners) {
    await listener.restore(app, user).catch((err: unknown) => {
      app.log.error({ err, userId, listener: listener.name }, 'live access restore failed');
    });
  }
  return true;
}
