import { can, type Action } from '@yhteistyotila/protocol';
import type { Types } from 'mongoose';
import { AppError, forbidden, notFound } from '../../errors.js';
import type { AuthUser } from '../../auth/auth.js';
import { guestAccessOver } from '../../auth/guest-access.js';
import {
  ConversationModel,
  MembershipModel,
  type ConversationDoc,
  type MembershipDoc,
} from './conversation.model.js';
import { MessageModel, type MessageDoc } from './message.model.js';
import { oid } from '../../db/object-id.js';
import { readCoalesced } from '../../lib/coalesce.js';
import { LruCache } from '../../lib/lru.js';
import { freshAccessStamp } from '../../db/access-stamp.js';
import { runWriteGuards } from './write-guards.js';
import { rememberSummary } from './conversation-summary.js';
import { requireNoBlock } from '../blocks/index.js';

/**
 * The only way services load a conversation for a person. Missing and forbidden both answer
 * NOT_FOUND, so nobody learns that a private channel or someone else's DM exists.
 */
export interface Access {
  conv: ConversationDoc;
  membership: MembershipDoc | null;
}

/** Readable: members, and for public channels every non-guest (preview before joining). */
export function canRead(
  user: AuthUser,
  conv: ConversationDoc,
  membership: MembershipDoc | null,
): boolean {
  if (guestAccessOver(user)) return false;
  if (membership) return true;
  return (
    conv.kind === 'channel' &&
    conv.visibility === 'public' &&
    can('channel.browsePublic', { role: user.role, expert: user.expert })
  );
}

export async function accessConversation(
  user: AuthUser,
  conversationId: string | Types.ObjectId,
): Promise<Access> {
  // Not an id at all: answered like any id that names nothing.
  if (typeof conversationId === 'string' && !/^[0-9a-f]{24}$/.test(conversationId))
    throw notFound();
  const id = typeof conversationId === 'string' ? oid(conversationId) : conversationId;
  const [conv, membership] = await Promise.all([
    readConversation(id),
    MembershipModel.findOne(ownMembership(user, id)).lean() as Promise<MembershipDoc | null>,
  ]);
  if (!conv || !canRead(user, conv, membership)) throw notFound();
  return { conv, membership };
}

/**
 * Reading a conversation whose room the asking socket is in. Its handshake read the person's
 * memberships and joined their rooms, and every way of losing access to a conversation (leaving,
 * removal, erasure, consent out of date) takes the person's sockets out of its room in every
 * process, through the adapter. A socket in the room already hears each new message of the
 * conversation live, so letting it catch up on what it missed shows nothing the room does not:
 * the membership is not read again (a reconnect storm: one read fewer per person, decision 79).
 * Not in the room: accessConversation decides, as for any other read.
 */
export async function accessThroughRoom(
  user: AuthUser,
  conversationId: string,
  inRoom: boolean,
): Promise<ConversationDoc> {
  if (!inRoom) return (await accessConversation(user, conversationId)).conv;
  const id = validId(conversationId);
  if (!id || guestAccessOver(user)) throw notFound();
  const conv = await readConversation(id);
  if (!conv) throw notFound();
  return conv;
}

/** Shared by everyone asking at the same moment (a busy channel, a reconnect storm). */
const readConversation = (id: Types.ObjectId) =>
  readCoalesced(`conversation:${String(id)}`, async () => {
    const conv = (await ConversationModel.findById(id).lean()) as ConversationDoc | null;
    if (conv) rememberSummary(conv);
    return conv;
  });

/** The filter of the person's own membership (the unique userId + conversationId index). */
const ownMembership = (user: AuthUser, conversationId: Types.ObjectId) => ({
  conversationId,
  userId: oid(user.id),
});

/**
 * A change to the person's own membership that a filter can express (moving the read mark
 * forward): `change` runs it on the filter `mine`, after the conversation is read, and a match
 * proves membership, so the membership is read only when nothing matched (not a member, or
 * nothing to change). Answers as accessConversation does: NOT_FOUND for missing and unreadable
 * alike, FORBIDDEN for a readable conversation not joined. One round trip fewer than access,
 * then the write (docs/BENCHMARKS.md, "Query budgets").
 */
export async function changeOwnMembership(
  user: AuthUser,
  conversationId: string,
  change: (
    conv: ConversationDoc,
    mine: { conversationId: Types.ObjectId; userId: Types.ObjectId },
  ) => Promise<MembershipDoc | null>,
): Promise<{ conv: ConversationDoc; membership: MembershipDoc; changed: boolean }> {
  const id = validId(conversationId);
  // A member whose guest access is over reads nothing either (canRead), so nothing is changed.
  if (!id || guestAccessOver(user)) throw notFound();
  const conv = await readConversation(id);
  if (!conv) throw notFound();
  const mine = ownMembership(user, id);
  const changed = await change(conv, mine);
  if (changed) return { conv, membership: changed, changed: true };
  const membership = (await MembershipModel.findOne(mine).lean()) as MembershipDoc | null;
  if (!canRead(user, conv, membership)) throw notFound();
  if (!membership) throw forbidden('not a member');
  return { conv, membership, changed: false };
}

/** Posting, reacting, replying: "channel member" for every role, and not archived. */
export async function accessForWrite(
  user: AuthUser,
  conversationId: string | Types.ObjectId,
): Promise<Access & { membership: MembershipDoc }> {
  // The guards (a mute: one indexed equality read) run beside the conversation's own reads, so
  // they add no round trip; their answer counts only after access itself is settled, so a
  // conversation the person may not see still answers NOT_FOUND.
  const id = typeof conversationId === 'string' ? validId(conversationId) : conversationId;
  const [settled, guarded] = await Promise.allSettled([
    accessConversation(user, conversationId),
    id ? runWriteGuards(user.id, id) : Promise.resolve(),
  ]);
  if (settled.status === 'rejected') throw settled.reason;
  const access = settled.value;
  if (!access.membership) throw forbidden('join the channel first');
  if (access.conv.archived) throw forbidden('archived');
  if (guarded.status === 'rejected') throw guarded.reason;
  // Every write in a 1:1 DM across a block (either way) is refused: a message, a reply, a
  // reaction, an edit, a pin. One indexed read, for 1:1 DMs only.
  const { conv } = access;
  if (conv.kind === 'dm' && conv.participantIds.length === 2) {
    const other = conv.participantIds.find((id) => String(id) !== user.id);
    if (other) await requireNoBlock(user.id, other);
  }
  return access as Access & { membership: MembershipDoc };
}

/**
 * accessForWrite answered from memory while the access stamp is unchanged (docs/decisions.md,
 * "Send checks from memory"): a busy person's sends cost one shared stamp read instead of four
 * checks. Only a granted access is remembered, under the stamp read before it was checked, so
 * any membership, access-field, mute or block write since (in any process) drops it. What the
 * person is (role, capability, a guest's end date) is part of the key or checked again each time.
 * The membership it answers carries a read mark that may be old: the send path never reads it.
 */
const grantedWrites = new LruCache<
  string,
  { stamp: string; at: number; access: Access & { membership: MembershipDoc } }
>(20_000);
/**
 * The stamp is replaced after the write it follows: if that second write failed (the database
 * went away between the two), memory would stay old until the next access write. Bounded here.
 */
const REMEMBER_MS = 60_000;

export async function accessForWriteFromMemory(
  user: AuthUser,
  conversationId: string,
): Promise<Access & { membership: MembershipDoc }> {
  if (guestAccessOver(user)) throw notFound();
  const key = `${user.id}|${user.role}|${String(user.expert)}|${conversationId}`;
  const stamp = await freshAccessStamp();
  const remembered = grantedWrites.get(key);
  if (remembered?.stamp === stamp && Date.now() - remembered.at < REMEMBER_MS)
    return remembered.access;
  const at = Date.now();
  const access = await accessForWrite(user, conversationId);
  grantedWrites.set(key, { stamp, at, access });
  return access;
}

const validId = (id: string): Types.ObjectId | null => (/^[0-9a-f]{24}$/.test(id) ? oid(id) : null);

/**
 * Placing other people in a channel: `channel:invite`, and the channels a moderator picks when
 * approving someone. The rule of the row "create a private channel, invite to it", in a channel
 * the person can read: a private channel they are not in answers NOT_FOUND, exactly as when it
 * does not exist. A public channel they have not joined qualifies (they could join it); never a
 * DM or an archived channel.
 */
export async function accessForInvite(
  user: AuthUser,
  conversationId: string | Types.ObjectId,
): Promise<Access> {
  const access = await accessConversation(user, conversationId);
  requireChannel(access.conv);
  if (!can('channel.createPrivate', { role: user.role, expert: user.expert }))
    throw forbidden('may not invite');
  if (access.conv.archived) throw forbidden('archived');
  return access;
}

/** A rule of the "Who may do what" table in a conversation, decided by the shared evaluator. */
export const allowedIn = (
  user: AuthUser,
  action: Action,
  conv: ConversationDoc,
  membership: MembershipDoc | null = null,
): boolean =>
  can(action, {
    role: user.role,
    expert: user.expert,
    userId: user.id,
    conversation: conv,
    member: !!membership,
  });

export function requireChannel(conv: ConversationDoc): void {
  if (conv.kind !== 'channel') throw new AppError('FORBIDDEN', 'not a channel');
}

/** A message the person may read, with its conversation. NOT_FOUND for missing and forbidden alike. */
export async function accessMessage(
  user: AuthUser,
  messageId: string,
): Promise<Access & { message: MessageDoc }> {
  const message = (await MessageModel.findById(oid(messageId)).lean()) as MessageDoc | null;
  if (!message) throw notFound();
  const access = await accessConversation(user, message.conversationId);
  return { ...access, message };
}
