import {
  NOTIFICATION_KIND_TABLE,
  rooms,
  type Activity,
  type LibraryEntry,
  type Meeting,
  type Message,
  type Question,
  type ServerEventName,
  type ServerEventPayload,
} from '@yhteistyotila/protocol';
import type { Types } from 'mongoose';
import { UserModel } from '../../auth/user.model.js';
import { oid } from '../../db/object-id.js';
import type { Fact, FactObserver, Facts } from '../../realtime/facts.js';
import { conversationSummary, MembershipModel, ThreadFollowModel } from '../conversations/index.js';
import { followersToTell } from '../library/index.js';
import { paths } from './notifications.links.js';
import {
  forgetMessages,
  libraryChangeKey,
  notify,
  reviseMessage,
  type NotificationDraft,
} from './notifications.service.js';

/**
 * The one event source of notifications: the facts every write already produces (a service
 * records them, the handler publishes them). This observer reads the published facts of one
 * write and turns those that concern someone into notification drafts; the kinds table in
 * packages/protocol/src/notifications.ts says who receives each and how. No service calls
 * notifications itself.
 */

const payloadOf = <E extends ServerEventName>(fact: Fact, event: E) =>
  fact.event === event ? (fact.payload as ServerEventPayload<E>) : null;

const userOfRoom = (room: string | string[]): string | null => {
  const name = Array.isArray(room) ? room[0] : room;
  return name?.startsWith('user:') ? name.slice('user:'.length) : null;
};

/** Mentions as plain names, one line: what a notification shows of a message. */
export const plainLine = (text: string) =>
  text
    .replace(/@\*\*(.+?)\*\*/g, (_m, name: string) => `@${name}`)
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 140);

/** Of these people, the members of a conversation (25 at a time: no long `$in`). */
async function membersAmong(conversationId: string, userIds: string[]): Promise<Set<string>> {
  const out = new Set<string>();
  for (let i = 0; i < userIds.length; i += 25) {
    const docs = await MembershipModel.find(
      {
        conversationId: oid(conversationId),
        userId: { $in: userIds.slice(i, i + 25).map(oid) },
      },
      { userId: 1 },
    ).lean();
    for (const d of docs) out.add(String(d.userId));
  }
  return out;
}

async function messageDrafts(message: Message): Promise<NotificationDraft[]> {
  if (!message.author || message.deletedAt) return [];
  const author = message.author;
  const conversationId = message.conversationId;
  const base = {
    actorId: author.id,
    actorName: author.name,
    conversationId,
    text: plainLine(message.text),
    link: paths.message(conversationId, message.id),
  };
  const drafts: NotificationDraft[] = [];
  const told = new Set<string>([author.id]);
  const mentioned = message.mentions.filter((id) => !told.has(id));
  mentioned.forEach((id) => told.add(id));
  const conv = await conversationSummary(conversationId);
  if (!conv) return [];
  const where = conv.kind === 'dm' ? '' : conv.name;
  if (mentioned.length)
    drafts.push({
      ...base,
      where,
      kind: 'mention',
      recipientIds: mentioned,
      blocksChecked: true,
      key: `mention:${message.id}`,
    });
  if (conv.kind === 'dm') {
    const others = conv.participantIds
      .map((p: Types.ObjectId) => String(p))
      .filter((id) => !told.has(id));
    others.forEach((id) => told.add(id));
    if (others.length)
      drafts.push({
        ...base,
        where,
        kind: 'dm',
        recipientIds: others,
        blocksChecked: conv.participantIds.length === 2,
        key: `dm:${message.id}`,
      });
  }
  if (message.threadRootId) {
    const follows = await ThreadFollowModel.find(
      { threadRootId: oid(message.threadRootId), following: true },
      { userId: 1 },
    ).lean();
    const followers = follows.map((f) => String(f.userId)).filter((id) => !told.has(id));
    const stillMembers = followers.length ? await membersAmong(conversationId, followers) : null;
    const recipients = followers.filter((id) => stillMembers?.has(id));
    if (recipients.length)
      drafts.push({
        ...base,
        where,
        kind: 'thread-reply',
        recipientIds: recipients,
        key: `thread-reply:${message.id}`,
        link: paths.message(conversationId, message.threadRootId),
      });
  }
  return drafts;
}

function questionDrafts(q: Question, actorId: string | null): NotificationDraft[] {
  if (!q.asker || actorId === q.asker.id) return [];
  const drafts: NotificationDraft[] = [];
  const base = { recipientIds: [q.asker.id], text: q.title, link: paths.question(q.id) };
  if (q.claimedBy && q.claimedAt)
    drafts.push({
      ...base,
      kind: 'question-claim',
      actorId: q.claimedBy.id,
      actorName: q.claimedBy.name,
      key: `question-claim:${q.id}:${q.claimedAt}`,
    });
  if (q.firstExpertReplyAt)
    drafts.push({
      ...base,
      kind: 'question-answer',
      actorId,
      key: `question-answer:${q.id}`,
    });
  return drafts;
}

/**
 * A library entry's new version: `library:entryUpdated` is recorded on every change of an entry,
 * and only a save, a restore or a publish is its editor's own write with a new `updatedAt` (a
 * validation, a stamp or a flag by someone else changes no text). Keyed by that time: the same
 * version announced again (the editor validating it) is a no-op, and nobody hears of a version
 * older than their follow (followersToTell).
 */
async function libraryChangeDrafts(
  entry: LibraryEntry,
  actorId: string | null,
): Promise<NotificationDraft[]> {
  if (!actorId || entry.editor?.id !== actorId) return [];
  const recipientIds = await followersToTell(entry.id, new Date(entry.updatedAt));
  if (!recipientIds.length) return [];
  return [
    {
      kind: 'library-entry-changed',
      recipientIds,
      actorId,
      actorName: entry.editor.name,
      key: libraryChangeKey(entry.id, entry.updatedAt),
      text: entry.title,
      link: paths.libraryEntry(entry.id),
    },
  ];
}

/** Active moderators and admins (join requests and reports are rare: read each time). */
async function staffIds(): Promise<string[]> {
  const staff = await UserModel.find(
    { role: { $in: ['moderator', 'admin'] }, status: 'active' },
    { _id: 1 },
  ).lean();
  return staff.map((s) => String(s._id));
}

/** A notification for every active moderator and admin, about `subject`. */
async function toStaff(
  kind: NotificationDraft['kind'],
  subject: string,
  text: string,
  link: string,
): Promise<NotificationDraft[]> {
  return [
    { kind, recipientIds: await staffIds(), actorId: null, key: `${kind}:${subject}`, text, link },
  ];
}

async function draftsOf(fact: Fact, actorId: string | null): Promise<NotificationDraft[]> {
  switch (fact.event) {
    case 'message:created': {
      const p = payloadOf(fact, 'message:created');
      return p ? messageDrafts(p.message) : [];
    }
    case 'question:updated': {
      const q = payloadOf(fact, 'question:updated');
      return q ? questionDrafts(q, actorId) : [];
    }
    case 'meeting:changed': {
      const p = payloadOf(fact, 'meeting:changed');
      const recipient = userOfRoom(fact.to);
      if (!p || !recipient || recipient === actorId) return [];
      const m: Meeting = p.meeting;
      const other = m.expert.id === recipient ? m.booker : m.expert;
      return [
        {
          kind: m.status === 'booked' ? 'meeting-booked' : 'meeting-cancelled',
          recipientIds: [recipient],
          actorId: actorId ?? null,
          actorName: other.name,
          key: `meeting-${m.status}:${m.id}`,
          text: m.topic,
          where: m.start,
          link: paths.meetings,
        },
      ];
    }
    case 'library:creditRequested': {
      const p = payloadOf(fact, 'library:creditRequested');
      const recipient = userOfRoom(fact.to);
      if (!p || !recipient) return [];
      return [
        {
          kind: 'library-credit-request',
          recipientIds: [recipient],
          actorId: p.requestedBy?.id ?? null,
          actorName: p.requestedBy?.name ?? '',
          key: `library-credit-request:${p.entryId}`,
          text: p.entryTitle,
          link: paths.credits,
        },
      ];
    }
    case 'library:entryUpdated': {
      const entry = payloadOf(fact, 'library:entryUpdated');
      return entry ? libraryChangeDrafts(entry, actorId) : [];
    }
    // For the moderators: no name in a join request's row (the request, and the person, may
    // be erased while the row lives); a waiting reminder counts; a report names its category.
    case 'joinRequest:created': {
      const p = payloadOf(fact, 'joinRequest:created');
      return p ? toStaff('join-request', p.id, '', paths.joinRequests) : [];
    }
    case 'joinRequest:waiting': {
      const p = payloadOf(fact, 'joinRequest:waiting');
      return p
        ? toStaff('join-request-waiting', p.remindedAt, String(p.count), paths.joinRequests)
        : [];
    }
    case 'report:created': {
      const p = payloadOf(fact, 'report:created');
      return p ? toStaff('report', p.id, p.category, paths.reports) : [];
    }
    default:
      return [];
  }
}

/**
 * Whether a person counts as active: a socket of theirs is connected to this process (with
 * several processes this sees only its own; the delivery decision is taken again by the mail
 * and push senders when they run).
 */
function activityIn(app: Parameters<FactObserver>[0]) {
  return (userId: string): Activity => {
    const sockets = app.io.sockets.adapter.rooms.get(rooms.user(userId));
    return { lastActiveAt: sockets?.size ? new Date() : null };
  };
}

/** Which draft wins when one write concerns a person twice: what they must act on first. */
const rank = (d: NotificationDraft) =>
  NOTIFICATION_KIND_TABLE[d.kind].actionable ? 0 : d.kind === 'mention' || d.kind === 'dm' ? 1 : 2;

/**
 * One write, one notification per person: an expert's reply to my question is both a thread
 * reply and an answer, and I hear of it once, as the answer.
 */
export const notificationsObserver: FactObserver = async (
  app,
  published,
  actorId,
  facts: Facts,
) => {
  // A deleted message's words leave the bell (and any push still waiting) with it.
  const deleted = published.flatMap((fact) => {
    const p = payloadOf(fact, 'message:updated');
    return p?.message.deletedAt ? [p.message.id] : [];
  });
  if (deleted.length) await forgetMessages(deleted);
  // An edited message's words replace the first ones in the bell and in the mail still to go.
  for (const fact of published) {
    const edited = payloadOf(fact, 'message:updated')?.message;
    if (edited?.editedAt && !edited.deletedAt)
      await reviseMessage(edited.id, plainLine(edited.text));
  }
  const drafts: NotificationDraft[] = [];
  for (const fact of published) drafts.push(...(await draftsOf(fact, actorId)));
  if (!drafts.length) return;
  const told = new Set<string>();
  for (const draft of drafts.sort((a, b) => rank(a) - rank(b))) {
    const recipientIds = draft.recipientIds.filter((id) => !told.has(id));
    recipientIds.forEach((id) => told.add(id));
    if (recipientIds.length)
      await notify(
        facts,
        { ...draft, recipientIds },
        activityIn(app),
        new Date(),
        app.config.emailBatchMs,
      );
  }
};
