import type { SessionEndReason } from '@yhteistyotila/protocol';
import mongoose, { Schema } from 'mongoose';
import { sha256 } from '../lib/sha256.js';

/**
 * Why a session ended, kept for as long as the session could have lived. Its sockets are told at
 * once (sessions.ts), but a device that was offline or between two connections at that moment
 * (a tunnel, a ping timeout on a busy phone) hears nothing: it reconnects with the dead cookie,
 * gets a signed-out socket and would stay on a signed-in screen where nothing works. Its next
 * handshake reads the reason here and tells it (socket-server.ts). Keyed by the SHA-256 of the
 * session id (the cookie's secret is not kept a second time); no person's id.
 */
const endedSessionSchema = new Schema(
  {
    /** SHA-256 of the Lucia session id. */
    _id: { type: String, required: true },
    reason: { type: String, required: true },
    until: { type: Date, required: true },
  },
  { versionKey: false },
);
endedSessionSchema.index({ until: 1 });
const EndedSessionModel = mongoose.model('EndedSession', endedSessionSchema, 'endedsessions');

export async function recordSessionEnd(
  sessionId: string,
  reason: SessionEndReason,
  until: Date,
): Promise<void> {
  await EndedSessionModel.updateOne(
    { _id: sha256(sessionId) },
    { $set: { reason, until } },
    { upsert: true },
  );
}

/** Why this session ended, if it was ended on purpose (null: unknown, e.g. it expired). */
export async function sessionEndReason(sessionId: string): Promise<SessionEndReason | null> {
  const doc = await EndedSessionModel.findById(sha256(sessionId), { reason: 1 }).lean();
  return (doc?.reason as SessionEndReason | undefined) ?? null;
}

/** The session could not live any longer anyway: its reason goes (the retention job). */
export async function purgeEndedSessions(now: Date): Promise<number> {
  return (await EndedSessionModel.deleteMany({ until: { $lte: now } })).deletedCount;
}
