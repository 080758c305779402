import type { Question } from '@yhteistyotila/protocol';
import type { AuthUser } from '../../auth/auth.js';
import { guestAccessOver } from '../../auth/guest-access.js';
import { oid } from '../../db/object-id.js';
import { AppError, isDuplicateKey } from '../../errors.js';
import { HOUR } from '../../lib/time.js';
import type { Facts } from '../../realtime/facts.js';
import { ConversationModel, MembershipModel } from '../conversations/index.js';
import { stampedCache } from '../../lib/stamp.js';
import {
  QUESTIONS_STAMP,
  QuestionClaimModel,
  QuestionModel,
  type QuestionDoc,
} from './question.model.js';
import {
  actorOf,
  allows,
  isAsker,
  readableQuestion,
  requireAllowed,
  type Actor,
} from './questions.policy.js';
import { presentQuestions } from './questions.presenter.js';
import { announceQuestion, ASK_CHANNEL_KEY } from './questions.service.js';

/** The queue shows at most this many open questions (the longest waiting ones). */
export const QUEUE_LIMIT = 300;

/**
 * The queue's order: the longest waiting first, counted in whole hours, so that among questions
 * that waited as long a first-time asker comes first (someone new to asking should not learn
 * that nobody answers); then the oldest.
 */
export function queueOrder(docs: QuestionDoc[], now: Date): QuestionDoc[] {
  const waited = (d: QuestionDoc) => Math.floor((now.getTime() - d.createdAt.getTime()) / HOUR);
  return [...docs].sort(
    (a, b) =>
      waited(b) - waited(a) ||
      Number(b.firstTime) - Number(a.firstTime) ||
      a.createdAt.getTime() - b.createdAt.getTime(),
  );
}

/**
 * The open questions, oldest first, kept in this process until a write to any question replaces
 * the questions' stamp (lib/stamp.ts): a warm queue is one command (the stamp) besides the
 * person's, however many questions there are. `status` narrows the load by equality.
 */
const openQuestions = stampedCache(QUESTIONS_STAMP, () =>
  QuestionModel.find({ status: 'open' }).sort({ createdAt: 1 }).lean<QuestionDoc[]>().exec(),
);

/** A guest expert's membership of the ask-an-expert channel (their channels' questions). */
async function guestChannel(actor: Actor): Promise<string | null> {
  if (allows(actor, 'channel.browsePublic')) return null; // reads the public channel anyway
  const conv = await ConversationModel.findOne({ key: ASK_CHANNEL_KEY }, { _id: 1 }).lean();
  if (!conv) return null;
  const member = await MembershipModel.exists({
    conversationId: conv._id,
    userId: oid(actor.user.id),
  });
  return member ? String(conv._id) : null;
}

/** The open questions this person may work on, in the queue's order. */
export async function questionQueue(user: AuthUser, now = new Date()): Promise<Question[]> {
  if (guestAccessOver(user)) throw new AppError('FORBIDDEN', 'access ended');
  const actor = await actorOf(user);
  const channel = await guestChannel(actor);
  requireAllowed(actor, 'question.queue', { member: channel !== null });
  const visible = (await openQuestions()).filter((d) =>
    d.visibility === 'private'
      ? allows(actor, 'question.readPrivate', { own: isAsker(d, user) })
      : allows(actor, 'channel.browsePublic', { member: String(d.conversationId) === channel }),
  );
  // The longest waiting (the oldest), then in the queue's order.
  return presentQuestions(queueOrder(visible.slice(0, QUEUE_LIMIT), now));
}

/** "Anna has taken this": one claim per question, decided by a unique-index insert. */
export async function claimQuestion(facts: Facts, user: AuthUser, id: string): Promise<Question> {
  const { doc, actor, member } = await readableQuestion(user, id);
  requireAllowed(actor, 'question.queue', { member });
  if (doc.status !== 'open') throw new AppError('QUESTION_NOT_OPEN', 'already answered');
  const claimedAt = new Date();
  try {
    await QuestionClaimModel.create({ questionId: doc._id, expertId: oid(user.id), claimedAt });
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
    const holder = await QuestionClaimModel.findOne({ questionId: doc._id }).lean();
    // Pressed twice: still mine.
    if (holder && String(holder.expertId) === user.id) return announceQuestion(facts, doc);
    throw new AppError('QUESTION_CLAIMED', 'another expert has taken this question');
  }
  await QuestionModel.updateOne({ _id: doc._id }, { $set: { claimedBy: oid(user.id), claimedAt } });
  return announceQuestion(facts, { ...doc, claimedBy: oid(user.id), claimedAt });
}

/** The claimer gives the question back to the queue. */
export async function releaseQuestion(facts: Facts, user: AuthUser, id: string): Promise<Question> {
  const { doc, actor, member } = await readableQuestion(user, id);
  requireAllowed(actor, 'question.queue', { member });
  const released = await QuestionClaimModel.deleteOne({
    questionId: doc._id,
    expertId: oid(user.id),
  });
  if (released.deletedCount === 0) {
    if (await QuestionClaimModel.exists({ questionId: doc._id }))
      throw new AppError('QUESTION_CLAIMED', 'another expert has taken this question');
    return announceQuestion(facts, doc);
  }
  await QuestionModel.updateOne(
    { _id: doc._id, claimedBy: oid(user.id) },
    { $set: { claimedBy: null, claimedAt: null } },
  );
  return announceQuestion(facts, { ...doc, claimedBy: null, claimedAt: null });
}
