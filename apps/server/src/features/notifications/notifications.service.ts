import {
  NOTIFICATION_KINDS,
  NOTIFICATION_KIND_TABLE,
  NOTIFICATION_PAGE,
  defaultNotificationPrefs,
  deliveryFor,
  rooms,
  type Activity,
  type Notification,
  type NotificationKind,
  type NotificationPrefs,
} from '@yhteistyotila/protocol';
import type { Types } from 'mongoose';
import type { AuthUser } from '../../auth/auth.js';
import { liveRoom } from '../../auth/live-access.js';
import { UserModel } from '../../auth/user.model.js';
import { groupInsert } from '../../db/group-insert.js';
import { prefsFromDoc, prefsOfPeople } from './prefs-memory.js';
import { oid } from '../../db/object-id.js';
import { isDuplicateKey, notFound } from '../../errors.js';
import type { Facts } from '../../realtime/facts.js';
import { requireAction } from '../access/index.js';
import { blockedIdsOf, blockersAmong } from '../blocks/index.js';
import { visibleConversationIds } from '../conversations/index.js';
import { readableEntryIds } from '../library/index.js';
import {
  NotificationModel,
  NotificationPrefsModel,
  type NotificationDoc,
} from './notification.model.js';

/**
 * FerretDB 1.24 hangs on a write command of more than ~50 statements (db/bulk-write.ts): every
 * insertMany and every `$in` here takes at most this many recipients at a time.
 */
const CHUNK = 25;
const chunks = <T>(list: readonly T[]): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += CHUNK) out.push(list.slice(i, i + CHUNK));
  return out;
};

/** What the event source asks for: one notification of one kind for some people. */
export interface NotificationDraft {
  kind: NotificationKind;
  recipientIds: readonly string[];
  /** Who caused it (never notified of their own act; a recipient who blocked them gets nothing). */
  actorId: string | null;
  actorName?: string;
  /**
   * The source already left out whoever blocked the actor (a message's mentions are resolved
   * without them; a 1:1 DM across a block is refused): no second read of the blocks.
   */
  blocksChecked?: boolean;
  /** Makes a repeat of one announcement a no-op (per recipient). */
  key: string;
  conversationId?: string | null;
  text: string;
  where?: string;
  link: string;
}

function docFromPrefs(userId: string, prefs: NotificationPrefs, now: Date) {
  return {
    _id: oid(userId),
    kinds: NOTIFICATION_KINDS.map((kind) => ({ kind, ...prefs.kinds[kind] })),
    channels: prefs.channels.map((c) => ({
      conversationId: oid(c.conversationId),
      level: c.level,
    })),
    emailFrequency: prefs.email.frequency,
    digestHour: prefs.email.digestHour,
    quietEnabled: prefs.quietHours.enabled,
    quietStartHour: prefs.quietHours.startHour,
    quietEndHour: prefs.quietHours.endHour,
    timeZone: prefs.timeZone,
    waitWhileActive: prefs.waitWhileActive,
    updatedAt: now,
  };
}

export function presentNotification(doc: NotificationDoc, actorName: string | null): Notification {
  return {
    id: String(doc._id),
    kind: doc.kind as NotificationKind,
    actor: doc.actorId && actorName !== null ? { id: String(doc.actorId), name: actorName } : null,
    text: doc.text,
    where: doc.where,
    link: doc.link,
    conversationId: doc.conversationId ? String(doc.conversationId) : null,
    createdAt: doc.createdAt.toISOString(),
    readAt: doc.readAt ? doc.readAt.toISOString() : null,
  };
}

/** Notifications made at the same moment share one insert (db/group-insert.ts). */
const insertNotification = groupInsert(() => NotificationModel.collection);

/**
 * Writes what a draft means for each recipient and records `notification:created` for each
 * shown in-app. Nothing for the actor, nothing for someone who blocked the actor; each
 * recipient's settings decide the channels (`deliveryFor`). Round trips per 25 recipients: the
 * block check, the settings not in memory (prefs-memory.ts), a share of one insert.
 */

export async function notify(
  facts: Facts,
  draft: NotificationDraft,
  activityOf: (userId: string) => Activity,
  now = new Date(),
  batchMs?: number,
): Promise<number> {
  const recipients = [...new Set(draft.recipientIds)].filter((id) => id !== draft.actorId);
  let created = 0;
  for (const group of chunks(recipients)) {
    const ids = group.map(oid);
    const [blockers, prefsById] = await Promise.all([
      draft.actorId && !draft.blocksChecked
        ? blockersAmong(draft.actorId, ids)
        : Promise.resolve(new Set<string>()),
      prefsOfPeople(ids),
    ]);
    const rows = group.flatMap((recipientId) => {
      if (blockers.has(recipientId)) return [];
      const prefs = prefsById.get(recipientId) ?? defaultNotificationPrefs();
      const d = deliveryFor(draft.kind, prefs, activityOf(recipientId), now, {
        conversationId: draft.conversationId ?? null,
        ...(batchMs ? { batchMs } : {}),
      });
      if (!d.inApp && !d.email && !d.push) return [];
      return [
        {
          recipientId: oid(recipientId),
          key: draft.key,
          kind: draft.kind,
          actorId: draft.actorId ? oid(draft.actorId) : null,
          conversationId: draft.conversationId ? oid(draft.conversationId) : null,
          text: draft.text.slice(0, 200),
          where: (draft.where ?? '').slice(0, 200),
          link: draft.link,
          inApp: d.inApp,
          emailAt: d.email?.at ?? null,
          pushAt: d.push?.at ?? null,
          pushDue: d.push !== null,
          emailDue: d.email !== null,
          createdAt: now,
          readAt: null,
        },
      ];
    });
    if (!rows.length) continue;
    // A duplicate is the same notification made twice (a retried write): not made again.
    const outcomes = await Promise.allSettled(rows.map((row) => insertNotification(row)));
    const refused = outcomes.find(
      (o): o is PromiseRejectedResult => o.status === 'rejected' && !isDuplicateKey(o.reason),
    );
    if (refused) throw refused.reason;
    rows.forEach((row, i) => {
      if (outcomes[i]?.status === 'rejected') return;
      created += 1;
      if (!row.inApp) return;
      // The live room: a socket whose consent is out of date hears nothing of other people.
      facts.add(liveRoom(String(row.recipientId)), 'notification:created', {
        notification: presentNotification(
          row as unknown as NotificationDoc,
          draft.actorName ?? null,
        ),
      });
    });
  }
  return created;
}

/** The names of the people who caused some notifications (one read). */
export async function actorNames(docs: NotificationDoc[]): Promise<Map<string, string>> {
  const ids = [...new Set(docs.flatMap((d) => (d.actorId ? [String(d.actorId)] : [])))];
  if (!ids.length) return new Map();
  const users = await UserModel.find({ _id: { $in: ids.map(oid) } }, { name: 1 }).lean();
  return new Map(users.map((u) => [String(u._id), u.name]));
}

/** Deletes the notifications that quote these messages (mentions, DMs, thread replies). */
export async function forgetMessages(messageIds: string[]): Promise<void> {
  const keys = messageIds.flatMap((id) => [`mention:${id}`, `dm:${id}`, `thread-reply:${id}`]);
  await NotificationModel.deleteMany({ key: { $in: keys } });
}

/** Gives the notifications that quote a message its edited words (cut as `notify` cuts). */
export async function reviseMessage(messageId: string, text: string): Promise<void> {
  const keys = [`mention:${messageId}`, `dm:${messageId}`, `thread-reply:${messageId}`];
  await NotificationModel.updateMany(
    { key: { $in: keys } },
    { $set: { text: text.slice(0, 200) } },
  );
}

/** A library entry's change: the entry is named in the key, and read back from it. */
export const libraryChangeKey = (entryId: string, changedAt: string) =>
  `library-entry-changed:${entryId}:${changedAt}`;
const entryOfKey = (key: string) => key.split(':')[1] ?? '';

type Shown = Pick<NotificationDoc, 'conversationId' | 'actorId' | 'kind' | 'key'>;

/** The library entries some notifications name (their changes' keys). */
const entriesNamed = (list: readonly Shown[]) =>
  list.flatMap((d) => (d.kind === 'library-entry-changed' ? [entryOfKey(d.key)] : []));

/**
 * Whether a notification may still reach its recipient: its conversation (or the library entry
 * it names, for those among `docs`) is one they may read and its actor is not someone they have
 * blocked since. The list and the push job ask it with the rows they are about to show; an
 * entry not among `docs` is not read, so a caller that passes none checks the rest only.
 */
export async function visibilityFor(
  user: AuthUser,
  docs: readonly Shown[] | Promise<readonly Shown[]> = [],
): Promise<(d: Shown) => boolean> {
  const named = Promise.resolve(docs).then(entriesNamed);
  const [visible, blocked, asked, readable] = await Promise.all([
    visibleConversationIds(user),
    blockedIdsOf(user.id),
    named.then((ids) => new Set(ids)),
    named.then((ids) => readableEntryIds(user, ids)),
  ]);
  const canSee = new Set(visible);
  const blockedSet = new Set(blocked.map(String));
  // The moderators' kinds (a join request, a report) are for whoever is staff now.
  const staff = user.role === 'moderator' || user.role === 'admin';
  const entryReadable = (d: Shown) => {
    if (d.kind !== 'library-entry-changed') return true;
    const id = entryOfKey(d.key);
    return !asked.has(id) || readable.has(id);
  };
  return (d) =>
    (staff || NOTIFICATION_KIND_TABLE[d.kind].audience !== 'moderators') &&
    (!d.conversationId || canSee.has(String(d.conversationId))) &&
    entryReadable(d) &&
    (!d.actorId || !blockedSet.has(String(d.actorId)));
}

/**
 * My notifications, newest first. Visibility is checked again: one from a conversation I may no
 * longer read, or by someone I have blocked since, is deleted instead of shown.
 */
export async function listNotifications(
  user: AuthUser,
  input: { before?: string | undefined; unreadOnly?: boolean | undefined },
): Promise<{ notifications: Notification[]; unread: number; hasMore: boolean }> {
  await requireAction(user, 'notification.own');
  const recipientId = oid(user.id);
  const filter: Record<string, unknown> = { recipientId, inApp: true };
  if (input.before) filter.createdAt = { $lt: new Date(input.before) };
  if (input.unreadOnly) filter.readAt = null;
  const found = NotificationModel.find(filter)
    .sort({ createdAt: -1, _id: -1 })
    .limit(NOTIFICATION_PAGE + 1)
    .lean<NotificationDoc[]>()
    .exec();
  // The library entries the page names are read once the page is known, beside the rest.
  const [docs, stillVisible] = await Promise.all([
    found,
    visibilityFor(
      user,
      found.then((d) => d.slice(0, NOTIFICATION_PAGE)),
    ),
  ]);
  const gone: Types.ObjectId[] = [];
  const shown = docs.slice(0, NOTIFICATION_PAGE).filter((d) => {
    const ok = stillVisible(d);
    if (!ok) gone.push(d._id);
    return ok;
  });
  if (gone.length) await NotificationModel.deleteMany({ recipientId, _id: { $in: gone } });
  const [names, unread] = await Promise.all([actorNames(shown), unreadCount(user.id)]);
  return {
    notifications: shown.map((d) =>
      presentNotification(d, d.actorId ? (names.get(String(d.actorId)) ?? null) : null),
    ),
    unread,
    hasMore: docs.length > NOTIFICATION_PAGE,
  };
}

const unreadCount = (userId: string) =>
  NotificationModel.countDocuments({ recipientId: oid(userId), inApp: true, readAt: null });

/** Marks some or all of mine read, and tells my other tabs and devices. */
export async function markNotificationsRead(
  facts: Facts,
  user: AuthUser,
  input: { ids?: string[] | undefined; all?: true | undefined },
  now = new Date(),
) {
  await requireAction(user, 'notification.own');
  const recipientId = oid(user.id);
  const all = input.all === true;
  const filter: Record<string, unknown> = { recipientId, readAt: null };
  let ids: string[] = [];
  if (!all) {
    const found = await NotificationModel.find(
      { recipientId, _id: { $in: (input.ids ?? []).map(oid) } },
      { _id: 1 },
    ).lean();
    if (found.length === 0) throw notFound();
    ids = found.map((d) => String(d._id));
    filter._id = { $in: found.map((d) => d._id) };
  }
  await NotificationModel.updateMany(filter, { $set: { readAt: now } });
  const state = { ids, all, readAt: now.toISOString(), unread: await unreadCount(user.id) };
  facts.add(rooms.user(user.id), 'notification:read', state);
  return state;
}

export async function getPrefs(user: AuthUser): Promise<NotificationPrefs> {
  await requireAction(user, 'notification.own');
  return prefsFromDoc(await NotificationPrefsModel.findById(oid(user.id)).lean());
}

export async function setPrefs(
  facts: Facts,
  user: AuthUser,
  prefs: NotificationPrefs,
  now = new Date(),
): Promise<NotificationPrefs> {
  await requireAction(user, 'notification.own');
  return savePrefs(facts, user.id, prefs, now);
}

/** Stores a person's settings and tells their tabs (the settings page, or an unsubscribe link). */
export async function savePrefs(
  facts: Facts,
  userId: string,
  prefs: NotificationPrefs,
  now = new Date(),
): Promise<NotificationPrefs> {
  const doc = docFromPrefs(userId, prefs, now);
  await NotificationPrefsModel.replaceOne({ _id: doc._id }, doc, { upsert: true });
  facts.add(rooms.user(userId), 'notification:prefsChanged', { prefs });
  return prefs;
}

/** Export: my notifications and my settings. */
export const notificationsOf = (userId: string) =>
  NotificationModel.find({ recipientId: oid(userId) }, { _id: 0, recipientId: 0 })
    .sort({ createdAt: 1 })
    .lean();

export const prefsOf = (userId: string) =>
  NotificationPrefsModel.findById(oid(userId), { _id: 0 }).lean();

/**
 * Erasure: my notifications go, and so do those I caused for others (they quote my words, which
 * the erasure may be removing; a notification is a pointer, not a record worth keeping).
 */
export async function eraseNotifications(userId: string): Promise<void> {
  const id = oid(userId);
  await NotificationModel.deleteMany({ recipientId: id });
  await NotificationModel.deleteMany({ actorId: id });
}

export async function erasePrefs(userId: string): Promise<void> {
  await NotificationPrefsModel.deleteOne({ _id: oid(userId) });
}
