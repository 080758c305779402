import {
  defaultNotificationPrefs,
  NOTIFICATION_KINDS,
  type NotificationKind,
  type NotificationPrefs,
} from '@yhteistyotila/protocol';
import type { Types } from 'mongoose';
import { findByIds } from '../../db/find-by-ids.js';
import { LruCache } from '../../lib/lru.js';
import { freshStamp } from '../../lib/stamp.js';
import {
  NotificationPrefsModel,
  PREFS_STAMP,
  type NotificationPrefsDoc,
} from './notification.model.js';

/** A person's stored settings, or the defaults for one who never changed them. */
export function prefsFromDoc(doc: NotificationPrefsDoc | null): NotificationPrefs {
  const prefs = defaultNotificationPrefs();
  if (!doc) return prefs;
  for (const k of doc.kinds) {
    if (!NOTIFICATION_KINDS.includes(k.kind as NotificationKind)) continue;
    prefs.kinds[k.kind as NotificationKind] = {
      inApp: k.inApp ?? true,
      email: k.email ?? false,
      push: k.push ?? false,
    };
  }
  prefs.channels = doc.channels.map((c) => ({
    conversationId: String(c.conversationId),
    level: c.level as NotificationPrefs['channels'][number]['level'],
  }));
  prefs.email = {
    frequency: doc.emailFrequency as NotificationPrefs['email']['frequency'],
    digestHour: doc.digestHour,
  };
  prefs.quietHours = {
    enabled: doc.quietEnabled,
    startHour: doc.quietStartHour,
    endHour: doc.quietEndHour,
  };
  prefs.timeZone = doc.timeZone;
  prefs.waitWhileActive = doc.waitWhileActive;
  return prefs;
}

/**
 * Recipients' notification settings, kept in this process while the settings' stamp is the one
 * stored (lib/stamp.ts): every settings write, in any process, replaces it. A DM's notification
 * then costs no settings read once its recipient's are known, and the stamp comes from the read
 * of every stamp that the sends' access checks share. The stamp is read before the settings, so
 * a write landing during the read leaves a newer stamp for the next caller.
 */
const remembered = new LruCache<string, { stamp: string; prefs: NotificationPrefs }>(20_000);

export async function prefsOfPeople(
  ids: Types.ObjectId[],
): Promise<Map<string, NotificationPrefs>> {
  const stamp = await freshStamp(PREFS_STAMP);
  const out = new Map<string, NotificationPrefs>();
  const missing: Types.ObjectId[] = [];
  for (const id of ids) {
    const hit = remembered.get(String(id));
    if (hit?.stamp === stamp) out.set(String(id), hit.prefs);
    else missing.push(id);
  }
  if (!missing.length) return out;
  // By id: FerretDB would read every stored setting for an `$in` (db/find-by-ids.ts).
  const docs = (await findByIds(
    NotificationPrefsModel as never,
    missing,
    {},
  )) as (NotificationPrefsDoc & {
    _id: Types.ObjectId;
  })[];
  const byId = new Map(docs.map((d) => [String(d._id), d]));
  for (const id of missing) {
    const prefs = prefsFromDoc(byId.get(String(id)) ?? null);
    remembered.set(String(id), { stamp, prefs });
    out.set(String(id), prefs);
  }
  return out;
}
