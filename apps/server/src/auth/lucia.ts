import { Lucia, TimeSpan, type Adapter, type DatabaseSession, type DatabaseUser } from 'lucia';
import type { QueryFilter, Types } from 'mongoose';
import { oid } from '../db/object-id.js';
import type { Config } from '../config.js';
import type { Logger } from '../log.js';
import { SessionModel } from './session.model.js';
import { sessionsEnded } from './session-listeners.js';
import { UserModel, type UserDoc } from './user.model.js';

export const SESSION_COOKIE = 'yt_session';

/**
 * Our own small Mongoose adapter: the published MongoDB adapter pins an older driver.
 * Portable subset only (plain finds and updates). Every session end deletes here, so the
 * features tied to sessions hear of it here (session-listeners.ts), after the delete.
 */
export class MongooseLuciaAdapter implements Adapter {
  constructor(private readonly log: Logger) {}

  async getSessionAndUser(
    sessionId: string,
  ): Promise<[DatabaseSession | null, DatabaseUser | null]> {
    const session = await SessionModel.findById(sessionId).lean();
    if (!session) return [null, null];
    const user = await UserModel.findById(session.userId).lean<UserDoc>();
    if (!user) return [null, null];
    return [
      toDatabaseSession(session),
      { id: user._id.toHexString(), attributes: userAttributes(user) },
    ];
  }
  async getUserSessions(userId: string): Promise<DatabaseSession[]> {
    const sessions = await SessionModel.find({
      userId: oid(userId),
    }).lean();
    return sessions.map(toDatabaseSession);
  }
  async setSession(session: DatabaseSession): Promise<void> {
    const now = new Date();
    await SessionModel.create({
      _id: session.id,
      userId: oid(session.userId),
      expiresAt: session.expiresAt,
      createdAt: now,
      lastSeenAt: now,
      userAgent: session.attributes.userAgent ?? '',
    });
  }
  async updateSessionExpiration(sessionId: string, expiresAt: Date): Promise<void> {
    await SessionModel.updateOne(
      { _id: sessionId },
      { $set: { expiresAt, lastSeenAt: new Date() } },
    );
  }
  async deleteSession(sessionId: string): Promise<void> {
    await SessionModel.deleteOne({ _id: sessionId });
    await sessionsEnded([sessionId], this.log);
  }
  async deleteUserSessions(userId: string): Promise<void> {
    await this.deleteEnded({ userId: oid(userId) });
  }
  async deleteExpiredSessions(): Promise<void> {
    // The same `now` for the read and the delete: an expiry only ever moves forward, so both
    // see the same sessions.
    await this.deleteEnded({ expiresAt: { $lte: new Date() } });
  }
  private async deleteEnded(filter: QueryFilter<StoredSession>): Promise<void> {
    const ended = await SessionModel.find(filter, { _id: 1 }).lean();
    await SessionModel.deleteMany(filter);
    await sessionsEnded(
      ended.map((s) => s._id),
      this.log,
    );
  }
}

interface StoredSession {
  _id: string;
  userId: Types.ObjectId;
  expiresAt: Date;
  createdAt: Date;
  userAgent?: string | null;
}

const toDatabaseSession = (s: StoredSession): DatabaseSession => ({
  id: s._id,
  userId: s.userId.toHexString(),
  expiresAt: s.expiresAt,
  attributes: { createdAt: s.createdAt, userAgent: s.userAgent ?? '' },
});

const userAttributes = (u: UserDoc) => ({
  name: u.name,
  role: u.role,
  expert: u.expert === true,
  language: u.language,
  guestUntil: u.guestUntil ?? null,
  status: u.status,
  consentVersion: u.consentVersion ?? null,
  channelsJoinedAt: u.channelsJoinedAt ?? null,
});

export function createLucia(config: Config, log: Logger) {
  return new Lucia(new MongooseLuciaAdapter(log), {
    // Lucia's one expiry slides with use: it is our idle timeout. The absolute timeout is
    // checked on top of it in validateSessionFromCookie().
    sessionExpiresIn: new TimeSpan(Math.round(config.session.idleMs / 1000), 's'),
    sessionCookie: {
      name: SESSION_COOKIE,
      expires: true,
      attributes: { secure: config.isProduction, sameSite: 'lax', path: '/' },
    },
    getUserAttributes: (attributes) => attributes,
    getSessionAttributes: (attributes) => attributes,
  });
}

export type AppLucia = ReturnType<typeof createLucia>;

declare module 'lucia' {
  interface Register {
    Lucia: AppLucia;
    DatabaseUserAttributes: ReturnType<typeof userAttributes>;
    DatabaseSessionAttributes: { createdAt?: Date; userAgent?: string };
  }
}
