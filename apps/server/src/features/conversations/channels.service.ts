import {
  TRANSLATED_CHANNEL_FIELDS,
  isStaff,
  rooms,
  saysYes,
  type ChannelListing,
  type ChannelVisibility,
  type Conversation,
} from '@yhteistyotila/protocol';
import { Types } from 'mongoose';
import type { AuthUser } from '../../auth/auth.js';
import type { AppContext } from '../../context.js';
import { oid } from '../../db/object-id.js';
import { AppError, forbidden } from '../../errors.js';
import type { Facts } from '../../realtime/facts.js';
import { ConversationModel, type ConversationDoc } from './conversation.model.js';
import { conversationIdsOf } from './conversations.service.js';
import { recordAudit } from '../audit/index.js';
import { accessConversation, allowedIn, requireChannel } from './conversations.policy.js';
import { presentConversationOne, presentConversations } from './conversations.presenter.js';
import { runWriteGuards } from './write-guards.js';
import { addMember } from './membership.service.js';

/** Channels: browsing them, creating one, its name and topic, archiving. */

export async function browse(user: AuthUser, includeArchived: boolean): Promise<ChannelListing[]> {
  const mine = new Set((await conversationIdsOf(user.id)).map(String));
  const filter: Record<string, unknown> = { kind: 'channel' };
  if (saysYes(user, 'channel.browsePublic')) {
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

export async function createChannel(
  app: AppContext,
  facts: Facts,
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
  if (!saysYes(user, action)) throw forbidden(`${action} not allowed`);
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
  await addMember(app, conv, user.id, facts);
  return presentConversationOne((await ConversationModel.findById(_id).lean()) as ConversationDoc);
}

export async function updateChannel(
  facts: Facts,
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
  // Changing a channel's settings is writing in it: a mute there refuses it too.
  await runWriteGuards(user.id, conv._id);
  // Those who may archive it own its settings: the creator of a private one, and staff.
  const owner = allowedIn(user, 'channel.archive', conv);
  const touchesOwnerFields =
    input.name !== undefined || input.description !== undefined || input.category !== undefined;
  if (touchesOwnerFields && !owner) throw forbidden('only the creator or staff');
  if (!owner && !allowedIn(user, 'channel.setTopic', conv, membership))
    throw forbidden('members set the topic');
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
  // A seeded channel's field someone changed is shown as written from now on, in every language.
  const customised = conv.defaultKey
    ? TRANSLATED_CHANNEL_FIELDS.filter((f) => input[f] !== undefined)
    : [];
  const updated = (await ConversationModel.findOneAndUpdate(
    { _id: conv._id },
    {
      $set: set,
      ...(customised.length ? { $addToSet: { customised: { $each: customised } } } : {}),
    },
    { returnDocument: 'after' },
  ).lean()) as ConversationDoc;
  const conversation = await presentConversationOne(updated);
  facts.add(rooms.conversation(conversation.id), 'conversation:updated', { conversation });
  if (isStaff(user.role))
    await recordAudit({
      actorId: user.id,
      action: 'channel.update',
      targetType: 'channel',
      targetId: conversation.id,
      details: {
        fields: Object.keys(set)
          .filter((k) => k !== 'nameKey')
          .join(','),
      },
    });
  return conversation;
}

export async function archiveChannel(
  facts: Facts,
  user: AuthUser,
  id: string,
  archived: boolean,
  reason?: string | undefined,
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
  if (conv.archived !== archived) {
    facts.add(rooms.conversation(conversation.id), 'conversation:updated', { conversation });
    if (isStaff(user.role))
      await recordAudit({
        actorId: user.id,
        action: archived ? 'channel.archive' : 'channel.unarchive',
        targetType: 'channel',
        targetId: conversation.id,
        reason,
        details: { visibility: conv.visibility },
      });
  }
  return conversation;
}
