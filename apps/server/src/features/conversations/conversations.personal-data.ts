import type { Types } from 'mongoose';
import { oid } from '../../db/object-id.js';
import { plainDocs, registerPersonalData } from '../access/index.js';
import { ChannelInitModel, ConversationModel, MembershipModel } from './conversation.model.js';
import { countMembers, erasedParticipantsOf } from './member-count.js';
import { MessageModel, ThreadFollowModel, type MessageDoc } from './message.model.js';
import { changeMessage } from './sequence.js';

/*
 * The conversations feature's collections in the personal data registry (docs/personal-data.md).
 * Message changes go through changeMessage(): every erased trace takes a new changeSeq, so the
 * clients' caches drop it at their next catch-up like any other edit.
 */

const DM_LABEL = { fi: 'yksityisviesti', sv: 'privat meddelande', en: 'direct message' } as const;

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
  about: {
    title: {
      fi: 'Viestisi ja reaktiosi',
      sv: 'Dina meddelanden och reaktioner',
      en: 'Your messages and reactions',
    },
    holds: {
      fi: 'Kirjoittamasi viestit muokkaushistorioineen ja viestit, joihin olet reagoinut.',
      sv: 'Meddelanden du skrivit med sin redigeringshistorik och meddelanden du reagerat på.',
      en: 'The messages you wrote, with their edit history, and the messages you reacted to.',
    },
    why: {
      fi: 'Ne ovat osa keskusteluja. Säilytetään, kunnes poistat ne tai tilisi (silloin voit valita, jäävätkö viestit nimettöminä).',
      sv: 'De är en del av samtalen. Sparas tills du raderar dem eller ditt konto (då väljer du om meddelandena blir kvar utan namn).',
      en: 'They are part of the conversations. Kept until you delete them or your account (you then choose whether they stay, without your name).',
    },
  },
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
  about: {
    title: { fi: 'Kanavajäsenyytesi', sv: 'Dina kanalmedlemskap', en: 'Your channel memberships' },
    holds: {
      fi: 'Keskustelut, joissa olet mukana, milloin liityit ja mihin asti olet lukenut.',
      sv: 'Samtal du deltar i, när du gick med och hur långt du har läst.',
      en: 'The conversations you are in, when you joined and how far you have read.',
    },
    why: {
      fi: 'Jotta näet kanavasi ja lukemattomat viestit. Poistetaan, kun poistut keskustelusta.',
      sv: 'För att du ska se dina kanaler och olästa meddelanden. Raderas när du lämnar samtalet.',
      en: 'So that you see your channels and unread messages. Removed when you leave the conversation.',
    },
  },
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
  about: {
    title: { fi: 'Seuraamasi ketjut', sv: 'Trådar du följer', en: 'Threads you follow' },
    holds: {
      fi: 'Viestiketjut, joita seuraat, ja mihin asti olet ne lukenut.',
      sv: 'Trådar du följer och hur långt du har läst dem.',
      en: 'The threads you follow and how far you have read them.',
    },
    why: {
      fi: 'Jotta näet uudet vastaukset. Poistetaan, kun lopetat seuraamisen tai poistat tilisi.',
      sv: 'För att du ska se nya svar. Raderas när du slutar följa eller raderar ditt konto.',
      en: 'So that you see new replies. Removed when you stop following or delete your account.',
    },
  },
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
  about: {
    title: { fi: 'Oletuskanavat', sv: 'Standardkanaler', en: 'Default channels' },
    holds: {
      fi: 'Milloin sinut liitettiin tilan oletuskanaville ensimmäisellä käynnilläsi.',
      sv: 'När du lades till i standardkanalerna vid ditt första besök.',
      en: 'When you were added to the default channels on your first visit.',
    },
    why: {
      fi: 'Jotta sinua ei liitetä uudelleen kanaville, joilta olet poistunut. Säilytetään, kunnes poistat tilisi.',
      sv: 'För att du inte ska läggas till igen i kanaler du har lämnat. Sparas tills du raderar ditt konto.',
      en: 'So that you are not added again to channels you have left. Kept until you delete your account.',
    },
  },
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
  about: {
    title: {
      fi: 'Luomasi kanavat ja yksityisviestisi',
      sv: 'Kanaler du skapat och dina privata meddelanden',
      en: 'Channels you created and your direct messages',
    },
    holds: {
      fi: 'Kanavat, jotka loit, ja yksityisviestikeskustelut, joissa olet osallisena.',
      sv: 'Kanaler du har skapat och privata samtal du deltar i.',
      en: 'The channels you created and the direct-message conversations you take part in.',
    },
    why: {
      fi: 'Keskustelut kuuluvat kaikille osallistujille. Tilin poistuessa nimesi poistetaan niistä.',
      sv: 'Samtalen hör till alla deltagare. När kontot raderas tas ditt namn bort ur dem.',
      en: 'Conversations belong to everyone taking part. When your account is deleted, you are removed from them.',
    },
  },
  onErase:
    'createdBy set to null; the person removed from DM participants (and from the DM key, so the others start a new DM next time); the DM counts one more erased participant (a number only).',
  async names(ids, lang) {
    const docs = await ConversationModel.find(
      { _id: { $in: ids.map(oid) } },
      { kind: 1, name: 1 },
    ).lean();
    return new Map(
      docs.map((d) => [String(d._id), d.kind === 'dm' ? DM_LABEL[lang] : `#${d.name}`]),
    );
  },
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
