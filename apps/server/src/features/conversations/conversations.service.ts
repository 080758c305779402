import {
  MAX_DM_PARTICIPANTS,
  MAX_MEMBER_LIST,
  MAX_PEOPLE_SEARCH_RESULTS,
  findMunicipality,
  isStaff,
  rooms,
  ruleFor,
  type ChannelListing,
  type ChannelVisibility,
  type Conversation,
  type ConversationSummary,
  type Member,
  type PersonRef,
  type Role,
} from '@yhteistyotila/protocol';
import { Types } from 'mongoose';
import type { AppContext } from '../../context.js';
import { AppError, forbidden, isDuplicateKey, notFound } from '../../errors.js';
import { emitTo } from '../../realtime/emit.js';
import type { AuthUser } from '../../auth/auth.js';
import { liveRoom } from '../../auth/live-access.js';
import { UserModel } from '../../auth/user.model.js';
import {
  ChannelInitModel,
  ConversationModel,
  MembershipModel,
  type ConversationDoc,
  type MembershipDoc,
} from './conversation.model.js';
import {
  accessConversation,
  accessForInvite,
  allowedIn,
  canRead,
  isCreator,
  requireChannel,
} from './conversations.policy.js';
import {
  loadPeople,
  presentConversation,
  presentConversationOne,
  presentConversations,
  presentMember,
  withReadState,
} from './conversations.presenter.js';
import { DEFAULT_CHANNELS } from './default-channels.js';
import { recountMembers } from './member-count.js';
import { readCounts } from './read-state.service.js';
import { oid } from '../../db/object-id.js';
import { currentSeq, latestSeq } from './sequence.js';

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

// ------------------------------------------------------------------------------------------
// Reading
// ------------------------------------------------------------------------------------------

export async function conversationIdsOf(userId: string): Promise<Types.ObjectId[]> {
  const ms = await MembershipModel.find({ userId: oid(userId) }, { conversationId: 1 }).lean();
  return ms.map((m) => m.conversationId);
}

/** Ids of every conversation the person may read (search filters by these). */
export async function visibleConversationIds(user: AuthUser): Promise<string[]> {
  const ids = new Set((await conversationIdsOf(user.id)).map(String));
  if (ruleFor(user.role, 'channel.browsePublic') === 'yes') {
    const pub = await ConversationModel.find(
      { kind: 'channel', visibility: 'public' },
      { _id: 1 },
    ).lean();
    for (const c of pub) ids.add(String(c._id));
  }
  return [...ids];
}

export async function listMine(user: AuthUser): Promise<ConversationSummary[]> {
  const memberships = (await MembershipModel.find({
    userId: oid(user.id),
  }).lean()) as MembershipDoc[];
  const ids = memberships.map((m) => m.conversationId);
  const convs = (await ConversationModel.find({ _id: { $in: ids } }).lean()) as ConversationDoc[];
  const presented = await presentConversations(convs);
  const byId = new Map(memberships.map((m) => [String(m.conversationId), m]));
  return Promise.all(
    convs.map(async (c, i) => {
      const m = byId.get(String(c._id))!;
      return withReadState(
        presented[i]!,
        await readCounts(user.id, c._id, m.readSeq, await latestSeq(c._id)),
      );
    }),
  );
}

async function summaryFor(userId: string, conv: ConversationDoc): Promise<ConversationSummary> {
  const m = await MembershipModel.findOne({ conversationId: conv._id, userId: oid(userId) }).lean();
  const readSeq = m?.readSeq ?? 0;
  return withReadState(
    await presentConversationOne(conv),
    await readCounts(userId, conv._id, readSeq, await latestSeq(conv._id)),
  );
}

export async function getConversation(
  user: AuthUser,
  id: string,
): Promise<{ conversation: Conversation; isMember: boolean }> {
  const { conv, membership } = await accessConversation(user, id);
  return { conversation: await presentConversationOne(conv), isMember: !!membership };
}

export async function browse(user: AuthUser, includeArchived: boolean): Promise<ChannelListing[]> {
  const mine = new Set((await conversationIdsOf(user.id)).map(String));
  const filter: Record<string, unknown> = { kind: 'channel' };
  if (ruleFor(user.role, 'channel.browsePublic') === 'yes') {
    filter.$or = [{ visibility: 'public' }, { _id: { $in: [...mine].map(oid) } }];
  } else {
    // Guests: only the channels they were invited to.
    filter._id = { $in: [...mine].map(oid) };
  }
  if (!includeArchived) filter.archived = false;
  const convs = (await ConversationModel.find(filter)
    .sort({ category: 1, name: 1 })
    .lean()) as ConversationDoc[];
  const presented = await presentConversations(convs);
  return presented.map((c) => ({ ...c, isMember: mine.has(c.id) }));
}

export async function members(
  user: AuthUser,
  id: string,
): Promise<{ members: Member[]; total: number }> {
  const { conv } = await accessConversation(user, id);
  const ms = (await MembershipModel.find({ conversationId: conv._id })
    .sort({ joinedAt: 1 })
    .limit(MAX_MEMBER_LIST)
    .lean()) as MembershipDoc[];
  const people = await loadPeople(ms.map((m) => m.userId));
  const list = ms.flatMap((m) => {
    const p = people.get(String(m.userId));
    return p ? [presentMember(m, p, conv)] : [];
  });
  // The conversation's own count, not a second count of the rows: the header and the panel
  // show the same number (member-count.ts).
  return { members: list, total: conv.memberCount };
}

// ------------------------------------------------------------------------------------------
// Membership changes (emit after the write; sockets join/leave rooms across processes)
// ------------------------------------------------------------------------------------------

/** Adds one person; false when they already were a member (idempotent, no broadcast). */
async function addMember(
  app: AppContext,
  conv: ConversationDoc,
  userId: string,
  emit = true,
): Promise<boolean> {
  // A new member starts with everything read: joining a busy channel is not 999 unread. The
  // counter, not the newest stored message: one lookup, not a sort of the whole channel.
  const readSeq = conv.kind === 'channel' ? await currentSeq(conv._id) : 0;
  try {
    await MembershipModel.create({ conversationId: conv._id, userId: oid(userId), readSeq });
  } catch (err) {
    if (isDuplicateKey(err)) return false;
    throw err;
  }
  await recountMembers(app, conv._id);
  const convId = String(conv._id);
  // Only the person's sockets with live access (consent current: auth/live-access.ts).
  app.io.in(liveRoom(userId)).socketsJoin(rooms.conversation(convId));
  if (emit) await announceAdded(app, convId, [userId]);
  return true;
}

async function announceAdded(app: AppContext, conversationId: string, userIds: string[]) {
  const fresh = (await ConversationModel.findById(conversationId).lean()) as ConversationDoc | null;
  if (!fresh) return;
  const people = await loadPeople(userIds);
  for (const userId of userIds) {
    emitTo(app, rooms.user(userId), 'conversation:added', {
      conversation: await summaryFor(userId, fresh),
    });
    const person = people.get(userId);
    const m = await MembershipModel.findOne({
      conversationId: fresh._id,
      userId: oid(userId),
    }).lean();
    if (person && m) {
      emitTo(app, rooms.conversation(conversationId), 'member:joined', {
        conversationId,
        member: presentMember(m as MembershipDoc, person, fresh),
      });
    }
  }
}

export async function join(
  app: AppContext,
  user: AuthUser,
  id: string,
): Promise<ConversationSummary> {
  const { conv, membership } = await accessConversation(user, id);
  requireChannel(conv);
  if (!membership) {
    if (conv.visibility !== 'public' || ruleFor(user.role, 'channel.browsePublic') !== 'yes')
      throw notFound();
    if (conv.archived) throw forbidden('archived');
    await addMember(app, conv, user.id);
  }
  return summaryFor(
    user.id,
    ((await ConversationModel.findById(conv._id).lean()) as ConversationDoc | null) ?? conv,
  );
}

export async function leave(app: AppContext, user: AuthUser, id: string): Promise<void> {
  const { conv, membership } = await accessConversation(user, id);
  requireChannel(conv);
  if (!membership) return;
  const res = await MembershipModel.deleteOne({ _id: membership._id });
  if (!res.deletedCount) return;
  await recountMembers(app, conv._id);
  const convId = String(conv._id);
  app.io.in(rooms.user(user.id)).socketsLeave(rooms.conversation(convId));
  emitTo(app, rooms.user(user.id), 'conversation:removed', { conversationId: convId });
  emitTo(app, rooms.conversation(convId), 'member:left', {
    conversationId: convId,
    userId: user.id,
  });
}

async function activeUsers(ids: string[]): Promise<Map<string, { id: string; role: Role }>> {
  const now = new Date();
  const users = await UserModel.find(
    { _id: { $in: ids.map(oid) }, status: 'active' },
    { role: 1, guestUntil: 1 },
  ).lean();
  return new Map(
    users
      .filter((u) => u.role !== 'guest' || (u.guestUntil && u.guestUntil > now))
      .map((u) => [String(u._id), { id: String(u._id), role: u.role as Role }]),
  );
}

export async function invite(
  app: AppContext,
  user: AuthUser,
  id: string,
  userIds: string[],
): Promise<string[]> {
  const { conv, membership } = await accessForInvite(user, id);
  // Invitations come from inside the channel (its member list), so join a public one first.
  if (!membership) throw forbidden('join the channel first');
  const users = await activeUsers([...new Set(userIds)]);
  if (users.size !== new Set(userIds).size) throw notFound();
  const added: string[] = [];
  for (const uid of users.keys()) if (await addMember(app, conv, uid, false)) added.push(uid);
  if (added.length) await announceAdded(app, String(conv._id), added);
  return added;
}

/**
 * Before an approval writes anything: the deciding moderator may place the person only where
 * they could invite them. One channel that fails refuses the whole approval, with the error of
 * `channel:invite` (NOT_FOUND for a private channel they are not in, as for a missing one).
 */
export async function checkApprovalChannels(
  decider: AuthUser,
  channelIds: string[],
): Promise<void> {
  for (const id of new Set(channelIds)) await accessForInvite(decider, id);
}

/**
 * A moderator chose channels when approving someone (guests get access this way). The rule is
 * applied again: the decider may have left a channel, or it was archived, since the check.
 */
export async function addToChannels(
  app: AppContext,
  decider: AuthUser,
  userId: string,
  channelIds: string[],
): Promise<void> {
  for (const id of new Set(channelIds)) {
    const access = await accessForInvite(decider, id).catch((err: unknown) => {
      if (err instanceof AppError) return null;
      throw err;
    });
    if (access) await addMember(app, access.conv, userId);
  }
}

// ------------------------------------------------------------------------------------------
// Account erasure (issue 9, item 15): the others see "deleted user" at once, not after a reload
// ------------------------------------------------------------------------------------------

/** Before an erasure: the conversations whose people must hear of it (it erases the links). */
export async function conversationsOfErased(userId: string): Promise<Types.ObjectId[]> {
  const [memberOf, dms] = await Promise.all([
    conversationIdsOf(userId),
    ConversationModel.find({ participantIds: oid(userId) }, { _id: 1 }).lean(),
  ]);
  const ids = new Map([...memberOf, ...dms.map((d) => d._id)].map((id) => [String(id), id]));
  return [...ids.values()];
}

/**
 * After the erasure was written: the person left every one of those conversations, their counts
 * changed, a DM's title and composer change, and `user:deleted` (last, when all of that is
 * already true) tells screens to drop the name and catch up on the messages the erasure changed.
 */
export async function announceErased(
  app: AppContext,
  userId: string,
  conversationIds: Types.ObjectId[],
): Promise<void> {
  if (!conversationIds.length) return;
  for (const id of conversationIds) {
    const convId = String(id);
    emitTo(app, rooms.conversation(convId), 'member:left', { conversationId: convId, userId });
    await recountMembers(app, id);
    const conv = (await ConversationModel.findById(id).lean()) as ConversationDoc | null;
    if (conv?.kind === 'dm') {
      const conversation = await presentConversationOne(conv);
      emitTo(app, rooms.conversation(convId), 'conversation:updated', { conversation });
    }
  }
  emitTo(
    app,
    conversationIds.map((id) => rooms.conversation(String(id))),
    'user:deleted',
    { userId },
  );
}

// ------------------------------------------------------------------------------------------
// Channels
// ------------------------------------------------------------------------------------------

export async function createChannel(
  app: AppContext,
  user: AuthUser,
  input: {
    name: string;
    visibility: ChannelVisibility;
    topic?: string | undefined;
    description?: string | undefined;
    category?: string | undefined;
  },
): Promise<Conversation> {
  const action = input.visibility === 'public' ? 'channel.createPublic' : 'channel.createPrivate';
  if (ruleFor(user.role, action) !== 'yes') throw forbidden(`${action} not allowed`);
  const nameKey = input.name.toLocaleLowerCase('fi');
  if (await ConversationModel.exists({ kind: 'channel', nameKey, archived: false }))
    throw new AppError('CONFLICT', 'name taken');
  const _id = new Types.ObjectId();
  const conv = (
    await ConversationModel.create({
      _id,
      key: `c:${_id.toHexString()}`,
      kind: 'channel',
      visibility: input.visibility,
      name: input.name,
      nameKey,
      topic: input.topic ?? '',
      description: input.description ?? '',
      category: input.category ?? '',
      createdBy: oid(user.id),
    })
  ).toObject() as ConversationDoc;
  await addMember(app, conv, user.id);
  return presentConversationOne((await ConversationModel.findById(_id).lean()) as ConversationDoc);
}

export async function updateChannel(
  app: AppContext,
  user: AuthUser,
  input: {
    conversationId: string;
    name?: string | undefined;
    topic?: string | undefined;
    description?: string | undefined;
    category?: string | undefined;
  },
): Promise<Conversation> {
  const { conv, membership } = await accessConversation(user, input.conversationId);
  requireChannel(conv);
  const owner = isStaff(user.role) || (isCreator(user, conv) && user.role !== 'guest');
  const touchesOwnerFields =
    input.name !== undefined || input.description !== undefined || input.category !== undefined;
  if (touchesOwnerFields && !owner) throw forbidden('only the creator or staff');
  if (!owner && (!membership || user.role === 'guest')) throw forbidden('members set the topic');
  if (conv.archived) throw forbidden('archived');
  const set: Record<string, string> = {};
  if (input.name !== undefined) {
    const nameKey = input.name.toLocaleLowerCase('fi');
    if (
      nameKey !== conv.nameKey &&
      (await ConversationModel.exists({ kind: 'channel', nameKey, archived: false }))
    ) {
      throw new AppError('CONFLICT', 'name taken');
    }
    Object.assign(set, { name: input.name, nameKey });
  }
  if (input.topic !== undefined) set.topic = input.topic;
  if (input.description !== undefined) set.description = input.description;
  if (input.category !== undefined) set.category = input.category;
  const updated = (await ConversationModel.findOneAndUpdate(
    { _id: conv._id },
    { $set: set },
    { returnDocument: 'after' },
  ).lean()) as ConversationDoc;
  const conversation = await presentConversationOne(updated);
  emitTo(app, rooms.conversation(conversation.id), 'conversation:updated', { conversation });
  return conversation;
}

export async function archiveChannel(
  app: AppContext,
  user: AuthUser,
  id: string,
  archived: boolean,
): Promise<Conversation> {
  const { conv } = await accessConversation(user, id);
  requireChannel(conv);
  if (!allowedIn(user, 'channel.archive', conv)) throw forbidden('archive not allowed');
  const updated = (await ConversationModel.findOneAndUpdate(
    { _id: conv._id },
    { $set: { archived } },
    { returnDocument: 'after' },
  ).lean()) as ConversationDoc;
  const conversation = await presentConversationOne(updated);
  if (conv.archived !== archived)
    emitTo(app, rooms.conversation(conversation.id), 'conversation:updated', { conversation });
  return conversation;
}

// ------------------------------------------------------------------------------------------
// Direct messages
// ------------------------------------------------------------------------------------------

/** Guests may start DMs only with people who share one of their channels ("channel-peers"). */
async function sharesChannel(userId: string, others: string[]): Promise<boolean> {
  const myChannels = await ConversationModel.find(
    { _id: { $in: await conversationIdsOf(userId) }, kind: 'channel' },
    { _id: 1 },
  ).lean();
  const ids = myChannels.map((c) => c._id);
  for (const other of others) {
    if (!(await MembershipModel.exists({ userId: oid(other), conversationId: { $in: ids } })))
      return false;
  }
  return true;
}

export async function openDm(
  app: AppContext,
  user: AuthUser,
  userIds: string[],
): Promise<{ conversation: ConversationSummary; created: boolean }> {
  const others = [...new Set(userIds)].filter((id) => id !== user.id);
  if (others.length === 0)
    throw new AppError('VALIDATION_ERROR', 'nobody to talk to', {
      issues: [{ path: 'userIds', code: 'too_small' }],
    });
  if (others.length + 1 > MAX_DM_PARTICIPANTS)
    throw new AppError('VALIDATION_ERROR', 'too many', {
      issues: [{ path: 'userIds', code: 'too_big' }],
    });
  const rule = ruleFor(user.role, 'dm.start');
  if (rule === 'no') throw forbidden('dm not allowed');
  const users = await activeUsers(others);
  if (users.size !== others.length) throw notFound();
  if (rule === 'channel-peers' && !(await sharesChannel(user.id, others))) throw notFound();

  const participants = [user.id, ...others].sort();
  const key = `dm:${participants.join(',')}`;
  let conv = (await ConversationModel.findOne({ key }).lean()) as ConversationDoc | null;
  let created = false;
  if (!conv) {
    try {
      conv = (
        await ConversationModel.create({
          key,
          kind: 'dm',
          visibility: 'private',
          createdBy: oid(user.id),
          participantIds: participants.map(oid),
        })
      ).toObject() as ConversationDoc;
      created = true;
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
      conv = (await ConversationModel.findOne({ key }).lean()) as ConversationDoc;
    }
  }
  // Memberships are (re)ensured every time: a process that died between the two writes heals here.
  const added: string[] = [];
  for (const p of participants) if (await addMember(app, conv, p, false)) added.push(p);
  if (added.length) await announceAdded(app, String(conv._id), added);
  const fresh = (await ConversationModel.findById(conv._id).lean()) as ConversationDoc;
  return { conversation: await summaryFor(user.id, fresh), created };
}

// ------------------------------------------------------------------------------------------
// People
// ------------------------------------------------------------------------------------------

export async function searchPeople(
  user: AuthUser,
  query: string,
  conversationId?: string,
): Promise<PersonRef[]> {
  const filter: Record<string, unknown> = {
    status: 'active',
    name: { $regex: `^${escapeRegex(query)}`, $options: 'i' },
  };
  let within: Types.ObjectId[] | null = null;
  if (conversationId) {
    const { conv } = await accessConversation(user, conversationId);
    within = [conv._id];
  } else if (user.role === 'guest') {
    within = await conversationIdsOf(user.id);
  }
  if (within) {
    const ms = await MembershipModel.find(
      { conversationId: { $in: within } },
      { userId: 1 },
    ).lean();
    filter._id = { $in: [...new Set(ms.map((m) => String(m.userId)))].map(oid) };
  }
  const users = await UserModel.find(filter, { name: 1, role: 1 })
    .sort({ name: 1 })
    .limit(MAX_PEOPLE_SEARCH_RESULTS)
    .lean();
  return users.map((u) => ({ id: String(u._id), name: u.name, role: u.role as Role }));
}

// ------------------------------------------------------------------------------------------
// Start-up and first connection
// ------------------------------------------------------------------------------------------

export async function seedDefaultChannels(): Promise<void> {
  for (const ch of DEFAULT_CHANNELS) {
    const key = `slug:${ch.slug}`;
    if (await ConversationModel.exists({ key })) continue;
    try {
      await ConversationModel.create({
        key,
        kind: 'channel',
        visibility: 'public',
        name: ch.name,
        nameKey: ch.name.toLocaleLowerCase('fi'),
        topic: ch.topic,
        category: ch.category,
        regionId: ch.regionId,
        isDefault: true,
        autoJoin: ch.autoJoin,
      });
    } catch (err) {
      // Another process created it at the same moment (unique key).
      if (!isDuplicateKey(err)) throw err;
    }
  }
}

/** Once per person: the auto-join channels and their own region's channel. */
export async function autoJoinOnce(app: AppContext, user: AuthUser): Promise<void> {
  if (user.role === 'guest' || user.channelsJoined) return;
  const markJoined = () =>
    UserModel.updateOne({ _id: oid(user.id) }, { $set: { channelsJoinedAt: new Date() } });
  try {
    await ChannelInitModel.create({ _id: oid(user.id) });
  } catch (err) {
    // Done before (by another process, or before channelsJoinedAt existed): remember it.
    if (isDuplicateKey(err)) return void (await markJoined());
    throw err;
  }
  const person = await UserModel.findById(user.id, { municipalityCode: 1 }).lean();
  const county = person?.municipalityCode
    ? findMunicipality(person.municipalityCode)?.county
    : null;
  const or: Record<string, unknown>[] = [{ autoJoin: true }];
  if (county) or.push({ regionId: county });
  const convs = (await ConversationModel.find({
    kind: 'channel',
    isDefault: true,
    archived: false,
    $or: or,
  }).lean()) as ConversationDoc[];
  for (const conv of convs) await addMember(app, conv, user.id, false);
  await markJoined();
}

export { canRead, presentConversation };
