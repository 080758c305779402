import {
  holdsExpertCapability,
  rooms,
  type SessionEndReason,
  type SessionUser,
} from '@yhteistyotila/protocol';
import type { Response } from 'express';
import type { AppContext } from '../context.js';
import { closeRoomSockets } from '../realtime/close-sockets.js';
import type { AuthUser } from './auth.js';
import { recordSessionEnd } from './ended-sessions.js';
import { scheduleGuestEnd } from './guest-access.js';
import { liveRoom } from './live-access.js';
import { SessionModel } from './session.model.js';
import { sessionReplaced } from './session-listeners.js';
import { sha256 } from '../lib/sha256.js';
import { forgetPerson } from './people.js';
import { UserModel, type UserDoc } from './user.model.js';
import { oid } from '../db/object-id.js';

export type RevokeReason = SessionEndReason;

/** The handle shown in "my sessions": the cookie's secret id never leaves the cookie. */
export const publicSessionId = (sessionId: string) => sha256(sessionId).slice(0, 32);

/**
 * Ends one session everywhere: the database row, then every open socket of it (on any
 * process, through the adapter) is told why and disconnected. The reason is kept first, for a
 * device that is not connected just now: its next handshake is told (ended-sessions.ts).
 */
export async function endSession(
  app: AppContext,
  sessionId: string,
  reason: RevokeReason,
): Promise<void> {
  await recordSessionEnd(sessionId, reason, new Date(Date.now() + app.config.session.absoluteMs));
  await app.lucia.invalidateSession(sessionId);
  closeSessionSockets(app, sessionId, reason);
}

/**
 * Tells every open socket of an already invalidated session why, and disconnects it (the
 * realtime layer publishes the reason at once: it must reach the sockets before they close).
 */
export function closeSessionSockets(app: AppContext, sessionId: string, reason: RevokeReason) {
  closeRoomSockets(app, rooms.session(sessionId), reason);
}

export async function endUserSessions(
  app: AppContext,
  userId: string,
  reason: RevokeReason,
  opts: { except?: string } = {},
): Promise<void> {
  const sessions = await SessionModel.find({ userId: oid(userId) }, { _id: 1 }).lean();
  for (const s of sessions) {
    if (s._id !== opts.except) await endSession(app, s._id, reason);
  }
}

/**
 * The public ids of the person's sessions that still let someone in: a row whose idle and
 * absolute timeouts have not passed (an over-timed row lingers until it is next used or swept).
 * One read by the person's id.
 */
export async function livePublicSessionIds(
  app: AppContext,
  userId: string,
  now = new Date(),
): Promise<Set<string>> {
  const sessions = await SessionModel.find(
    { userId: oid(userId) },
    { _id: 1, expiresAt: 1, createdAt: 1 },
  ).lean();
  const absoluteFrom = now.getTime() - app.config.session.absoluteMs;
  return new Set(
    sessions
      .filter((s) => s.expiresAt > now && s.createdAt.getTime() >= absoluteFrom)
      .map((s) => publicSessionId(s._id)),
  );
}

/** Starts a new session (rotation: the caller ends the old one) and sets its cookie. */
export async function startSession(
  app: AppContext,
  res: Response,
  userId: string,
  userAgent: string,
): Promise<string> {
  const session = await app.lucia.createSession(userId, { userAgent: userAgent.slice(0, 300) });
  res.append('Set-Cookie', app.lucia.createSessionCookie(session.id).serialize());
  return session.id;
}

/**
 * Rotation (a password change): a new session for the same person in the same browser, what was
 * tied to the old one moves to it (session-listeners.ts), and the old one stops working. Its
 * sockets are the caller's to close: when depends on the answer (access.routes.ts).
 */
export async function replaceSession(
  app: AppContext,
  res: Response,
  oldSessionId: string,
  userId: string,
  userAgent: string,
): Promise<string> {
  const sessionId = await startSession(app, res, userId, userAgent);
  await sessionReplaced(oldSessionId, sessionId, app.log);
  await app.lucia.invalidateSession(oldSessionId);
  return sessionId;
}

export const clearSessionCookie = (app: AppContext, res: Response) =>
  res.append('Set-Cookie', app.lucia.createBlankSessionCookie().serialize());

export const toAuthUser = (u: UserDoc): AuthUser => ({
  id: u._id.toHexString(),
  name: u.name,
  role: u.role,
  expert: u.expert === true,
  language: u.language,
  guestUntil: u.guestUntil ?? null,
  consentVersion: u.consentVersion ?? null,
  channelsJoined: Boolean(u.channelsJoinedAt),
});

export const presentSessionUser = (app: AppContext, u: AuthUser): SessionUser => ({
  id: u.id,
  name: u.name,
  role: u.role,
  expert: holdsExpertCapability(u),
  language: u.language,
  guestUntil: u.guestUntil?.toISOString() ?? null,
  mustReconsent: app.privacy.mustReconsent(u.consentVersion),
});

/**
 * Sockets cache the signed-in user at handshake. After a change (consent, role, profile) the
 * sockets of this process get the fresh copy, those on other processes re-handshake; staff room
 * membership follows the role on every process through the adapter.
 */
export async function refreshUserSockets(
  app: AppContext,
  userId: string,
): Promise<AuthUser | null> {
  forgetPerson(userId);
  const doc = await UserModel.findById(userId).lean<UserDoc>();
  if (!doc) return null;
  const fresh = toAuthUser(doc);
  for (const s of await app.io.in(rooms.user(userId)).fetchSockets()) {
    const local = app.io.sockets.sockets.get(s.id);
    if (local) {
      local.data.user = fresh;
      scheduleGuestEnd(local, app); // a changed end date counts from now
    }
    // A socket on another process keeps its own cached copy: closing it makes the client
    // reconnect and handshake again with the fresh role (the web client reconnects itself).
    else s.disconnect();
  }
  const staff = fresh.role === 'moderator' || fresh.role === 'admin';
  // Only sockets with live access (consent current) may hear the moderators' queue.
  if (staff) app.io.in(liveRoom(userId)).socketsJoin(rooms.moderators());
  else app.io.in(rooms.user(userId)).socketsLeave(rooms.moderators());
  return fresh;
}
