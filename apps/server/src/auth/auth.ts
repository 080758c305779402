import type { Language, Role } from '@yhteistyotila/protocol';
import { readSessionId } from './cookies.js';
import type { Session } from 'lucia';
import type { Config } from '../config.js';
import { guestAccessOver } from './guest-access.js';
import type { AppLucia } from './lucia.js';

/** The signed-in person as services see them. Loaded at handshake / per HTTP request. */
export interface AuthUser {
  id: string;
  name: string;
  role: Role;
  /** Holds the expert capability (beside the role; stored true for guest experts too). */
  expert: boolean;
  language: Language;
  guestUntil: Date | null;
  consentVersion: string | null;
  /** The first-connection auto-joins are done (features/conversations autoJoinOnce). */
  channelsJoined?: boolean;
}

export interface Authenticated {
  user: AuthUser;
  session: Session;
  /** Set when Lucia extended the sliding expiry: send it back as Set-Cookie. */
  refreshedCookie: string | null;
}

/**
 * Validates the session cookie. Returns null (and deletes the session where it is over) for
 * unknown, idle-expired, absolutely-expired, suspended and guest-expired sessions alike.
 */
export async function authenticate(
  lucia: AppLucia,
  config: Config,
  cookieHeader: string | undefined,
  now = new Date(),
): Promise<Authenticated | null> {
  const sessionId = readSessionId(lucia, cookieHeader);
  if (!sessionId) return null;
  const { session, user } = await lucia.validateSession(sessionId);
  if (!session || !user) return null;
  const createdAt = session.createdAt ?? now;
  const absoluteOver = now.getTime() - createdAt.getTime() > config.session.absoluteMs;
  const guestOver = guestAccessOver(user, now);
  if (absoluteOver || guestOver || user.status !== 'active') {
    await lucia.invalidateSession(session.id);
    return null;
  }
  return {
    user: {
      id: user.id,
      name: user.name,
      role: user.role,
      expert: user.expert,
      language: user.language,
      guestUntil: user.guestUntil,
      consentVersion: user.consentVersion,
      channelsJoined: user.channelsJoinedAt !== null,
    },
    session,
    refreshedCookie: session.fresh ? lucia.createSessionCookie(session.id).serialize() : null,
  };
}
