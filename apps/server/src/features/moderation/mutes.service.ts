import {
  channelTextFor,
  MUTE_DURATIONS,
  rooms,
  type Language,
  type Mute,
  type MuteDuration,
} from '@yhteistyotila/protocol';
import type { Types } from 'mongoose';
import type { AuthUser } from '../../auth/auth.js';
import { oid } from '../../db/object-id.js';
import { AppError, notFound } from '../../errors.js';
import type { Facts } from '../../realtime/facts.js';
import { requireAction } from '../access/index.js';
import { recordAudit } from '../audit/index.js';
import {
  ConversationModel,
  MembershipModel,
  type ConversationDoc,
} from '../conversations/index.js';
import { presentMute } from './moderation.presenter.js';
import { MuteModel, type MuteDoc } from './mute.model.js';
import { targetOf } from './staff-target.js';

/**
 * The write guard of every send, reply, reaction, edit and pin (conversations' write guards):
 * one read by the indexed equality key (person, conversation); the end is compared here, so
 * expiry needs no job and follows the clock exactly.
 */
export async function refuseIfMuted(userId: string, conversationId: Types.ObjectId): Promise<void> {
  const mutes = await MuteModel.find(
    { userId: oid(userId), conversationId, liftedAt: null },
    { until: 1 },
  ).lean<Pick<MuteDoc, 'until'>[]>();
  const until = Math.max(0, ...mutes.map((m) => m.until.getTime()));
  const now = Date.now();
  if (until > now)
    throw new AppError('MUTED', `muted until ${new Date(until).toISOString()}`, {
      retryAfter: Math.ceil((until - now) / 1000),
    });
}

/**
 * A channel staff may mute in: public channels, and private ones they are members of (a
 * moderator learns nothing of a private channel they are not in: NOT_FOUND, as if absent).
 */
async function channelFor(actor: AuthUser, conversationId: string): Promise<ConversationDoc> {
  const conv = await ConversationModel.findById(oid(conversationId)).lean<ConversationDoc>();
  if (!conv || conv.kind !== 'channel') throw notFound();
  if (conv.visibility === 'private') {
    const member = await MembershipModel.exists({
      conversationId: conv._id,
      userId: oid(actor.id),
    });
    if (!member) throw notFound();
  }
  return conv;
}

/** A channel's fields that name it to a reader (a seeded channel in the reader's language). */
export const CHANNEL_TEXT_FIELDS = { name: 1, topic: 1, category: 1, defaultKey: 1, customised: 1 };
const nameFor = (
  conv: Parameters<typeof channelTextFor>[0] | null | undefined,
  language: Language,
): string => (conv ? channelTextFor(conv, language).name : '');

const inForce = (d: MuteDoc, now = Date.now()) => d.liftedAt === null && d.until.getTime() > now;

export async function muteInChannel(
  facts: Facts,
  actor: AuthUser,
  input: { userId: string; conversationId: string; duration: MuteDuration; reason: string },
): Promise<Mute> {
  const target = await targetOf(actor, input.userId, 'moderation.mute');
  const conv = await channelFor(actor, input.conversationId);
  const current = await MuteModel.find({
    userId: target._id,
    conversationId: conv._id,
    liftedAt: null,
  }).lean<MuteDoc[]>();
  // One mute in force per channel: a longer or shorter one means lifting this one first.
  if (current.some((d) => inForce(d))) throw new AppError('CONFLICT', 'already muted there');
  const at = new Date();
  const doc = (
    await MuteModel.create({
      userId: target._id,
      conversationId: conv._id,
      byId: oid(actor.id),
      reason: input.reason,
      at,
      until: new Date(at.getTime() + MUTE_DURATIONS[input.duration]),
    })
  ).toObject() as MuteDoc;
  await recordAudit({
    actorId: actor.id,
    action: 'moderation.mute',
    targetType: 'user',
    targetId: input.userId,
    reason: input.reason,
    details: {
      muteId: doc._id.toHexString(),
      conversationId: input.conversationId,
      duration: input.duration,
      until: doc.until.toISOString(),
    },
  });
  // The muted person hears of it in their language, the moderator reads it in theirs.
  facts.add(rooms.user(input.userId), 'moderation:muteChanged', {
    mute: presentMute(doc, nameFor(conv, target.language)),
  });
  return presentMute(doc, nameFor(conv, actor.language));
}

export async function liftMute(
  facts: Facts,
  actor: AuthUser,
  input: { muteId: string; reason: string },
): Promise<Mute> {
  // Checked before the lookup: a non-staff person learns nothing about mute ids.
  await requireAction(actor, 'moderation.mute');
  const doc = await MuteModel.findById(oid(input.muteId)).lean<MuteDoc>();
  if (!doc) throw notFound();
  const target = await targetOf(actor, doc.userId.toHexString(), 'moderation.mute');
  const conv = await channelFor(actor, doc.conversationId.toHexString());
  if (!inForce(doc)) throw new AppError('CONFLICT', 'not in force');
  const lifted = await MuteModel.findOneAndUpdate(
    { _id: doc._id, liftedAt: null },
    { $set: { liftedAt: new Date(), liftedById: oid(actor.id), liftReason: input.reason } },
    { returnDocument: 'after' },
  ).lean<MuteDoc>();
  if (!lifted) throw new AppError('CONFLICT', 'not in force');
  await recordAudit({
    actorId: actor.id,
    action: 'moderation.liftMute',
    targetType: 'user',
    targetId: doc.userId.toHexString(),
    reason: input.reason,
    details: {
      muteId: input.muteId,
      conversationId: doc.conversationId.toHexString(),
    },
  });
  facts.add(rooms.user(doc.userId.toHexString()), 'moderation:muteChanged', {
    mute: presentMute(lifted, nameFor(conv, target.language)),
  });
  return presentMute(lifted, nameFor(conv, actor.language));
}

/** Mutes in force for a person, with their channels' names in the reader's language. */
export async function mutesInForce(userId: string, language: Language): Promise<Mute[]> {
  const docs = (
    await MuteModel.find({ userId: oid(userId), liftedAt: null })
      .sort({ at: -1 })
      .lean<MuteDoc[]>()
  ).filter((d) => inForce(d));
  // By _id, one each: FerretDB answers `_id: { $in }` slowly (decisions 15); these are few.
  const convs = await Promise.all(
    docs.map((d) =>
      ConversationModel.findById(d.conversationId, CHANNEL_TEXT_FIELDS).lean<ConversationDoc>(),
    ),
  );
  return docs.map((d, i) => presentMute(d, nameFor(convs[i], language)));
}
