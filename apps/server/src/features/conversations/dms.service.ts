import { MAX_DM_PARTICIPANTS, ruleFor, type ConversationSummary } from '@yhteistyotila/protocol';
import type { AuthUser } from '../../auth/auth.js';
import type { AppContext } from '../../context.js';
import { oid } from '../../db/object-id.js';
import type { Facts } from '../../realtime/facts.js';
import { AppError, forbidden, isDuplicateKey, notFound } from '../../errors.js';
import { ConversationModel, MembershipModel, type ConversationDoc } from './conversation.model.js';
import { conversationIdsOf, summaryFor } from './conversations.service.js';
import { activeUsers, addMember, announceAdded } from './membership.service.js';
import { requireNoBlock } from '../blocks/index.js';

/** Direct messages: one conversation per set of participants, opened (or found) by its key. */

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
  facts: Facts,
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
  // A 1:1 DM across a block is not opened (nor reopened). Group DMs stay open: see decisions.
  if (others.length === 1) await requireNoBlock(user.id, others[0]!);

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
  for (const p of participants) if (await addMember(app, conv, p)) added.push(p);
  if (added.length) await announceAdded(facts, String(conv._id), added);
  const fresh = (await ConversationModel.findById(conv._id).lean()) as ConversationDoc;
  return { conversation: await summaryFor(user.id, fresh), created };
}
