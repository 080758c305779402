import type { Types } from 'mongoose';
import { oid, plainDocs, registerPersonalData } from '../access/personal-data.js';
import { ChannelInitModel, ConversationModel, MembershipModel } from './conversation.model.js';
import { countMembers, erasedParticipantsOf } from './member-count.js';
import { MessageModel, ThreadFollowModel, type MessageDoc } from './message.model.js';
import { changeMessage } from './sequence.js';

/*
 * The conversations feature's collections in the personal data registry (docs/personal-data.md).
 * Message changes go through changeMessage(): every erased trace takes a new changeSeq, so the
 * clients' caches drop it at their next catch-up like any other edit.
 */

const same = (uid: Types.ObjectId) => (id: Types.ObjectId | null | undefined) =>
  !!id && String(id) === String(uid);

registerPersonalData({
  collection: MessageModel.collection.collectionName,
  userFields: [
    'authorId',
    'mentions',
    'reactions.userIds',
    'threadParticipantIds',
    'pinnedBy',
    'deletedBy',
  ],
  fields: [
    'authorId',
    'text',
    'edits.text',
    'terms',
    'mentions',
    'reactions.userIds',
    'threadParticipantIds',
    'pinnedBy',
    'deletedBy',
  ],
  onErase:
    "keep-as-deleted-user: the person's messages lose their author and keep their text; erase: their text, edit history and search terms are removed (tombstones keep threads whole); the person is removed from mentions, reactions and thread participants everywhere.",
  async export(userId) {
    const uid = oid(userId);
    const own = await MessageModel.find({ authorId: uid }, { terms: 0 })
      .sort({ createdAt: 1 })
      .lean();
    const reacted = await MessageModel.find(
      { 'reactions.userIds': uid },
      { _id: 1, conversationId: 1, reactions: 1 },
    ).lean();
    return plainDocs([
      ...own.map((m) => ({ kind: 'message', ...m })),
      ...reacted.map((m) => ({
        kind: 'reaction',
        messageId: m._id,
        conversationId: m.conversationId,
        emoji: (m.reactions ?? []).filter((r) => r.userIds.some(same(uid))).map((r) => r.emoji),
      })),
    ]);
  },
  async erase(userId, { mode }) {
    const uid = oid(userId);
    const isMe = same(uid);
    const own = await MessageModel.find({ authorId: uid }, { _id: 1 }).lean();
    for (const { _id } of own) {
      await changeMessage(_id, (m: MessageDoc) =>
        mode === 'erase'
          ? {
              authorId: null,
              text: '',
              edits: [],
              terms: [],
              mentions: [],
              pinned: false,
              pinnedBy: null,
              deletedAt: m.deletedAt ?? new Date(),
              deletedBy: null,
            }
          : { authorId: null },
      );
    }
    const traces = await MessageModel.find(
      {
        $or: [
          { mentions: uid },
          { 'reactions.userIds': uid },
          { threadParticipantIds: uid },
          { pinnedBy: uid },
          { deletedBy: uid },
        ],
      },
      { _id: 1 },
    ).lean();
    for (const { _id } of traces) {
      await changeMessage(_id, (m: MessageDoc) => ({
        mentions: (m.mentions ?? []).filter((id) => !isMe(id)),
        reactions: (m.reactions ?? [])
          .map((r) => ({ emoji: r.emoji, userIds: r.userIds.filter((id) => !isMe(id)) }))
          .filter((r) => r.userIds.length > 0),
        threadParticipantIds: (m.threadParticipantIds ?? []).filter((id) => !isMe(id)),
        pinnedBy: isMe(m.pinnedBy) ? null : m.pinnedBy,
        deletedBy: isMe(m.deletedBy) ? null : m.deletedBy,
      }));
    }
  },
});

registerPersonalData({
  collection: MembershipModel.collection.collectionName,
  userFields: ['userId'],
  fields: ['userId', 'conversationId', 'joinedAt', 'readSeq'],
  onErase: 'Deleted (member counts recounted).',
  async export(userId) {
    return plainDocs(await MembershipModel.find({ userId: oid(userId) }).lean());
  },
  async erase(userId) {
    const uid = oid(userId);
    const ids = (await MembershipModel.find({ userId: uid }, { conversationId: 1 }).lean()).map(
      (m) => m.conversationId,
    );
    await MembershipModel.deleteMany({ userId: uid });
    // Stored here so the count is right even if the live announcement fails; the conversations
    // feature recounts again after the erasure and tells the rooms (member-count.ts).
    for (const conversationId of ids) {
      await ConversationModel.updateOne(
        { _id: conversationId },
        { $set: { memberCount: await countMembers(conversationId) } },
      );
    }
  },
});

registerPersonalData({
  collection: ThreadFollowModel.collection.collectionName,
  userFields: ['userId'],
  fields: ['userId', 'threadRootId', 'following', 'readSeq'],
  onErase: 'Deleted.',
  async export(userId) {
    return plainDocs(await ThreadFollowModel.find({ userId: oid(userId) }).lean());
  },
  async erase(userId) {
    await ThreadFollowModel.deleteMany({ userId: oid(userId) });
  },
});

registerPersonalData({
  collection: ChannelInitModel.collection.collectionName,
  userFields: ['_id'],
  fields: ['_id', 'at'],
  onErase: 'Deleted.',
  async export(userId) {
    return plainDocs(await ChannelInitModel.find({ _id: oid(userId) }).lean());
  },
  async erase(userId) {
    await ChannelInitModel.deleteOne({ _id: oid(userId) });
  },
});

registerPersonalData({
  collection: ConversationModel.collection.collectionName,
  userFields: ['createdBy', 'participantIds'],
  fields: ['createdBy', 'participantIds', 'key (DMs: participant ids)'],
  onErase:
    'createdBy set to null; the person removed from DM participants (and from the DM key, so the others start a new DM next time); the DM counts one more erased participant (a number only).',
  async export(userId) {
    const uid = oid(userId);
    const docs = await ConversationModel.find(
      { $or: [{ createdBy: uid }, { participantIds: uid }] },
      { key: 0, nameKey: 0 },
    ).lean();
    return plainDocs(docs);
  },
  async erase(userId) {
    const uid = oid(userId);
    await ConversationModel.updateMany({ createdBy: uid }, { $set: { createdBy: null } });
    const dms = await ConversationModel.find(
      { participantIds: uid },
      { _id: 1, kind: 1, key: 1, participantIds: 1, erasedParticipants: 1 },
    ).lean();
    for (const dm of dms) {
      await ConversationModel.updateOne(
        { _id: dm._id },
        {
          $set: {
            participantIds: dm.participantIds.filter((id) => String(id) !== userId),
            key: `dm-erased:${String(dm._id)}`,
            // A number, not who: the others see one more "deleted user" in the DM.
            erasedParticipants: erasedParticipantsOf(dm) + 1,
          },
        },
      );
    }
  },
});
