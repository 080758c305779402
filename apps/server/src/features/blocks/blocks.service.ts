import { rooms, type BlockedPerson } from '@yhteistyotila/protocol';
import type { Types } from 'mongoose';
import type { AuthUser } from '../../auth/auth.js';
import { UserModel } from '../../auth/user.model.js';
import { oid } from '../../db/object-id.js';
import { AppError, isDuplicateKey, notFound } from '../../errors.js';
import type { Facts } from '../../realtime/facts.js';
import { BlockModel, type BlockDoc } from './block.model.js';

/** Whom the person blocked, newest first, with names (erased accounts have no records left). */
export async function listBlocked(userId: string): Promise<BlockedPerson[]> {
  const docs = await BlockModel.find({ blockerId: oid(userId) })
    .sort({ createdAt: -1 })
    .lean<BlockDoc[]>();
  if (!docs.length) return [];
  const users = await UserModel.find(
    { _id: { $in: docs.map((d) => d.blockedId) } },
    { name: 1 },
  ).lean();
  const names = new Map(users.map((u) => [String(u._id), u.name]));
  return docs.flatMap((d) => {
    const name = names.get(String(d.blockedId));
    return name === undefined
      ? []
      : [{ id: String(d.blockedId), name, blockedAt: d.createdAt.toISOString() }];
  });
}

/** Every tab and device of the blocker folds and unfolds at once. */
async function announce(facts: Facts, userId: string): Promise<void> {
  facts.add(rooms.user(userId), 'block:changed', { blocked: await listBlocked(userId) });
}

export async function blockPerson(
  facts: Facts,
  user: AuthUser,
  targetId: string,
): Promise<BlockedPerson> {
  if (targetId === user.id)
    throw new AppError('VALIDATION_ERROR', 'cannot block oneself', {
      issues: [{ path: 'userId', code: 'custom' }],
    });
  const target = await UserModel.findById(oid(targetId), { name: 1 }).lean();
  if (!target) throw notFound();
  const key = { blockerId: oid(user.id), blockedId: target._id };
  try {
    await BlockModel.updateOne(
      key,
      { $setOnInsert: { ...key, createdAt: new Date() } },
      {
        upsert: true,
      },
    );
  } catch (err) {
    // Two tabs blocking at once: the other one's record stands.
    if (!isDuplicateKey(err)) throw err;
  }
  const doc = await BlockModel.findOne(key).lean<BlockDoc>();
  await announce(facts, user.id);
  return {
    id: targetId,
    name: target.name,
    blockedAt: (doc?.createdAt ?? new Date()).toISOString(),
  };
}

export async function unblockPerson(facts: Facts, user: AuthUser, targetId: string): Promise<void> {
  const { deletedCount } = await BlockModel.deleteOne({
    blockerId: oid(user.id),
    blockedId: oid(targetId),
  });
  if (deletedCount) await announce(facts, user.id);
}

/** Ids of the people this person blocked (their unread and mention counts leave them out). */
export async function blockedIdsOf(userId: string): Promise<Types.ObjectId[]> {
  const docs = await BlockModel.find({ blockerId: oid(userId) }, { blockedId: 1 }).lean();
  return docs.map((d) => d.blockedId);
}

/**
 * The 1:1 DM check on the send path: one read on the unique (blockerId, blockedId) index, an
 * $or of its two equality pairs. Returns who blocked whom, or null.
 */
export async function blockBetween(
  a: string | Types.ObjectId,
  b: string | Types.ObjectId,
): Promise<'a-blocked-b' | 'b-blocked-a' | null> {
  const [ida, idb] = [oid(String(a)), oid(String(b))];
  const doc = await BlockModel.findOne(
    {
      $or: [
        { blockerId: ida, blockedId: idb },
        { blockerId: idb, blockedId: ida },
      ],
    },
    { blockerId: 1 },
  ).lean();
  if (!doc) return null;
  return String(doc.blockerId) === String(ida) ? 'a-blocked-b' : 'b-blocked-a';
}

/** Refuses a 1:1 conversation across a block, with the sentence the sender is shown. */
export async function requireNoBlock(senderId: string, recipientId: string | Types.ObjectId) {
  const block = await blockBetween(senderId, recipientId);
  if (block === 'b-blocked-a')
    throw new AppError('BLOCKED', 'this person does not take messages from you');
  if (block === 'a-blocked-b')
    throw new AppError('BLOCKED', 'you blocked this person; unblock them to write', {
      issues: [{ path: 'userId', code: 'blocked_by_you' }],
    });
}

/** Of these people, those who blocked `authorId` (a mention of them notifies nothing). */
export async function blockersAmong(
  authorId: string,
  userIds: Types.ObjectId[],
): Promise<Set<string>> {
  if (!userIds.length) return new Set();
  const docs = await BlockModel.find(
    { blockedId: oid(authorId), blockerId: { $in: userIds } },
    { blockerId: 1 },
  ).lean();
  return new Set(docs.map((d) => String(d.blockerId)));
}

/** Export: whom the person blocked. Records of others blocking them stay the others' own. */
export const blocksBy = (userId: string) =>
  BlockModel.find({ blockerId: oid(userId) }, { _id: 0, blockedId: 1, createdAt: 1 })
    .sort({ createdAt: 1 })
    .lean();

/** Erasure of either person removes every record between them and anyone. */
export async function eraseBlocks(userId: string): Promise<void> {
  const id = oid(userId);
  await BlockModel.deleteMany({ $or: [{ blockerId: id }, { blockedId: id }] });
}
