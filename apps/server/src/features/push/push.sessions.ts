import { sessionListeners } from '../../auth/session-listeners.js';
import { publicSessionId } from '../../auth/sessions.js';
import { PushDeviceModel } from './push.model.js';

/** The most ids one delete names: the expiry sweep may end many sessions at once. */
const CHUNK = 100;

/**
 * A device gets pushes only while the session that turned push on lives: signed out on a
 * shared computer, revoked from another device, ended by a password reset, a suspension or an
 * erasure, the browser hears nothing more of the person's DMs and mentions. A password change
 * keeps the browser and the person: the device moves to the new session. sendPush checks the
 * session again (push.service.ts), for a row this missed (a subscribe racing the sign-out).
 */
sessionListeners.push({
  name: 'push',
  async ended(sessionIds) {
    const ids = sessionIds.map(publicSessionId);
    for (let i = 0; i < ids.length; i += CHUNK) {
      const chunk = ids.slice(i, i + CHUNK);
      // One session: an equality the database can use its index for.
      await PushDeviceModel.deleteMany(
        chunk.length === 1 ? { sessionId: chunk[0] } : { sessionId: { $in: chunk } },
      );
    }
  },
  async replaced(from, to) {
    await PushDeviceModel.updateMany(
      { sessionId: publicSessionId(from) },
      { $set: { sessionId: publicSessionId(to) } },
    );
  },
});
