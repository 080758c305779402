import {
  holdsExpertCapability,
  rooms,
  type Question,
  type QuestionReply,
  type QuestionTopic,
  type QuestionVisibility,
} from '@yhteistyotila/protocol';
import type { AuthUser } from '../../auth/auth.js';
import type { AppContext } from '../../context.js';
import { oid } from '../../db/object-id.js';
import { AppError, isDuplicateKey, notFound } from '../../errors.js';
import type { Facts } from '../../realtime/facts.js';
import {
  addMember,
  ConversationModel,
  MessageModel,
  sendMessage,
  type ConversationDoc,
  type MessageDoc,
} from '../conversations/index.js';
import {
  QuestionModel,
  QuestionReplyModel,
  type QuestionDoc,
  type QuestionReplyDoc,
} from './question.model.js';
import {
  actorOf,
  allows,
  readableQuestion,
  requireAllowed,
  type Actor,
} from './questions.policy.js';
import {
  presentQuestionOne,
  presentQuestions,
  presentReplies,
  type ReplySource,
} from './questions.presenter.js';
import { audienceOf } from './questions.audience.js';

/** The seeded public channel where open questions are threads (protocol default-channels). */
export const ASK_CHANNEL_KEY = 'slug:kysy-asiantuntijalta';
/** How many replies a question shows at most (a thread's page is the channel's business). */
const MAX_REPLIES = 500;
const MY_QUESTIONS_LIMIT = 200;

/** The question's page on the web (apps/web/src/features/questions/question-paths.ts). */
export const questionUrl = (app: Pick<AppContext, 'config'>, id: string) =>
  `${app.config.publicUrl}/kysymykset/${id}`;

const escapeLinkText = (text: string) => text.replace(/([\\[\]*_`<>])/g, '\\$1');

async function askChannel(): Promise<ConversationDoc> {
  const conv = await ConversationModel.findOne({ key: ASK_CHANNEL_KEY }).lean<ConversationDoc>();
  if (!conv) throw new AppError('UNAVAILABLE', 'the ask-an-expert channel is not there');
  return conv;
}

/** Tells everyone who may see the question that it changed; returns it as they see it. */
export async function announceQuestion(facts: Facts, doc: QuestionDoc): Promise<Question> {
  const [question, to] = await Promise.all([presentQuestionOne(doc), audienceOf(doc)]);
  facts.add(to, 'question:updated', question);
  return question;
}

async function reload(id: QuestionDoc['_id']): Promise<QuestionDoc> {
  const doc = await QuestionModel.findById(id).lean<QuestionDoc>();
  if (!doc) throw notFound();
  return doc;
}

export async function askQuestion(
  app: AppContext,
  facts: Facts,
  user: AuthUser,
  input: {
    clientId: string;
    topic: QuestionTopic;
    visibility: QuestionVisibility;
    title: string;
    text: string;
  },
): Promise<Question> {
  const actor = await actorOf(user);
  requireAllowed(actor, 'question.ask');
  const askerId = oid(user.id);
  const stored = () =>
    QuestionModel.findOne({ askerId, clientId: input.clientId }).lean<QuestionDoc>();
  const earlier = await QuestionModel.exists({ askerId });
  let doc: QuestionDoc;
  try {
    doc = (
      await QuestionModel.create({
        askerId,
        clientId: input.clientId,
        topic: input.topic,
        visibility: input.visibility,
        title: input.title,
        text: input.text,
        firstTime: earlier === null,
        createdAt: new Date(),
      })
    ).toObject() as QuestionDoc;
  } catch (err) {
    // A retried ask: the stored question answers, nothing is posted twice.
    const again = isDuplicateKey(err) ? await stored() : null;
    if (again) return presentQuestionOne(again);
    throw err;
  }
  if (doc.visibility === 'open') {
    try {
      doc = await postThreadRoot(app, facts, user, doc);
    } catch (err) {
      // Without its thread an open question could not be answered: it was not asked.
      await QuestionModel.deleteOne({ _id: doc._id });
      throw err;
    }
  }
  return announceQuestion(facts, doc);
}

/** An open question's root message in the ask-an-expert channel, posted by the asker. */
async function postThreadRoot(
  app: AppContext,
  facts: Facts,
  user: AuthUser,
  doc: QuestionDoc,
): Promise<QuestionDoc> {
  const conv = await askChannel();
  await addMember(app, conv, user.id, facts);
  const link = `❓ **[${escapeLinkText(doc.title)}](${questionUrl(app, String(doc._id))})**`;
  const sent = await sendMessage(user, {
    conversationId: String(conv._id),
    clientId: `question:${String(doc._id)}`,
    text: `${link}\n\n${doc.text}`,
  });
  if (sent.created)
    facts.add(rooms.conversation(String(conv._id)), 'message:created', { message: sent.message });
  const thread = { conversationId: conv._id, messageId: oid(sent.message.id) };
  await QuestionModel.updateOne({ _id: doc._id }, { $set: thread });
  return { ...doc, ...thread };
}

export async function myQuestions(user: AuthUser): Promise<Question[]> {
  const docs = await QuestionModel.find({ askerId: oid(user.id) })
    .sort({ createdAt: -1 })
    .limit(MY_QUESTIONS_LIMIT)
    .lean<QuestionDoc[]>();
  return presentQuestions(docs);
}

/** An open question's thread replies, or a private question's replies, oldest first. */
async function replySources(doc: QuestionDoc): Promise<ReplySource[]> {
  if (doc.visibility === 'private')
    return QuestionReplyModel.find({ questionId: doc._id })
      .sort({ createdAt: 1 })
      .limit(MAX_REPLIES)
      .lean<QuestionReplyDoc[]>();
  if (!doc.conversationId || !doc.messageId) return [];
  const messages = await MessageModel.find({
    conversationId: doc.conversationId,
    threadRootId: doc.messageId,
  })
    .sort({ seq: 1 })
    .limit(MAX_REPLIES)
    .lean<MessageDoc[]>();
  return messages.filter((m) => !m.deletedAt);
}

export async function questionWithReplies(
  user: AuthUser,
  id: string,
): Promise<{ question: Question; replies: QuestionReply[] }> {
  let { doc } = await readableQuestion(user, id);
  const replies = await presentReplies(doc, await replySources(doc));
  // An expert may have answered in the channel's thread itself: their first reply counts too.
  const firstExpert = replies.find((r) => r.author && holdsExpertCapability(r.author));
  if (!doc.firstExpertReplyAt && firstExpert) {
    const at = new Date(firstExpert.createdAt);
    await QuestionModel.updateOne(
      { _id: doc._id, firstExpertReplyAt: null },
      { $set: { firstExpertReplyAt: at } },
    );
    doc = { ...doc, firstExpertReplyAt: at };
  }
  return { question: await presentQuestionOne(doc), replies };
}

/** The reply `replyId` of this question, or NOT_FOUND. */
async function replyOf(doc: QuestionDoc, replyId: string): Promise<ReplySource> {
  if (!/^[0-9a-f]{24}$/.test(replyId)) throw notFound();
  const found =
    doc.visibility === 'private'
      ? await QuestionReplyModel.findOne({ _id: oid(replyId), questionId: doc._id }).lean()
      : await MessageModel.findOne({
          _id: oid(replyId),
          conversationId: doc.conversationId,
          threadRootId: doc.messageId,
          deletedAt: null,
        }).lean<MessageDoc>();
  if (!found) throw notFound();
  return found;
}

export async function replyToQuestion(
  app: AppContext,
  facts: Facts,
  user: AuthUser,
  input: { id: string; clientId: string; text: string },
): Promise<{ question: Question; reply: QuestionReply }> {
  const { doc, actor, member } = await readableQuestion(user, input.id);
  requireAllowed(actor, 'question.reply', { member });
  const source =
    doc.visibility === 'private'
      ? await privateReply(user, doc, input)
      : await threadReply(app, facts, actor, doc, input);
  let current = doc;
  if (!doc.firstExpertReplyAt && holdsExpertCapability(actor)) {
    await QuestionModel.updateOne(
      { _id: doc._id, firstExpertReplyAt: null },
      { $set: { firstExpertReplyAt: source.createdAt } },
    );
    current = await reload(doc._id);
  }
  const [reply] = await presentReplies(current, [source]);
  return { question: await announceQuestion(facts, current), reply: reply! };
}

async function privateReply(
  user: AuthUser,
  doc: QuestionDoc,
  input: { clientId: string; text: string },
): Promise<ReplySource> {
  const authorId = oid(user.id);
  try {
    return (
      await QuestionReplyModel.create({
        questionId: doc._id,
        authorId,
        clientId: input.clientId,
        text: input.text,
        createdAt: new Date(),
      })
    ).toObject() as QuestionReplyDoc;
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
    const stored = await QuestionReplyModel.findOne({
      authorId,
      clientId: input.clientId,
    }).lean<QuestionReplyDoc>();
    if (!stored || String(stored.questionId) !== String(doc._id))
      throw new AppError('CONFLICT', 'client id already used');
    return stored;
  }
}

/**
 * A reply in the open question's thread, through the channel's own send path (its delivery,
 * unread counts, follows and mentions). Anyone but a guest may join the public channel to
 * reply; a guest replies only as an invited member (their channels).
 */
async function threadReply(
  app: AppContext,
  facts: Facts,
  actor: Actor,
  doc: QuestionDoc,
  input: { clientId: string; text: string },
): Promise<ReplySource> {
  if (!doc.conversationId || !doc.messageId) throw notFound();
  const conversationId = String(doc.conversationId);
  // Who may join a public channel uninvited ("channel.browsePublic") joins it to reply.
  if (allows(actor, 'channel.browsePublic')) {
    const conv = await ConversationModel.findById(doc.conversationId).lean<ConversationDoc>();
    if (!conv) throw notFound();
    await addMember(app, conv, actor.user.id, facts);
  }
  const sent = await sendMessage(actor.user, {
    conversationId,
    clientId: input.clientId,
    text: input.text,
    threadRootId: String(doc.messageId),
  });
  if (sent.created) {
    const room = rooms.conversation(conversationId);
    facts.add(room, 'message:created', { message: sent.message });
    if (sent.root) facts.add(room, 'message:updated', { message: sent.root });
  }
  return {
    _id: oid(sent.message.id),
    authorId: oid(actor.user.id),
    text: sent.message.text,
    createdAt: new Date(sent.message.createdAt),
  };
}

/** The asker accepts a reply (a peer's or an expert's) as the answer. */
export async function acceptAnswer(
  facts: Facts,
  user: AuthUser,
  input: { id: string; replyId: string },
): Promise<Question> {
  const { doc, actor, own } = await readableQuestion(user, input.id);
  requireAllowed(actor, 'question.accept', { own });
  const reply = await replyOf(doc, input.replyId);
  await QuestionModel.updateOne(
    { _id: doc._id },
    {
      $set: {
        status: 'answered',
        acceptedReplyId: reply._id,
        // Answered again after a reopen: the first answer's time stays.
        answeredAt: doc.answeredAt ?? new Date(),
      },
    },
  );
  return announceQuestion(facts, await reload(doc._id));
}

/** The asker reopens: the answer was not enough after all. */
export async function reopenQuestion(facts: Facts, user: AuthUser, id: string): Promise<Question> {
  const { doc, actor, own } = await readableQuestion(user, id);
  requireAllowed(actor, 'question.accept', { own });
  await QuestionModel.updateOne(
    { _id: doc._id },
    { $set: { status: 'open', acceptedReplyId: null, answeredAt: null } },
  );
  return announceQuestion(facts, await reload(doc._id));
}

/** An expert endorses a reply (or takes the endorsement back). */
export async function endorseReply(
  facts: Facts,
  user: AuthUser,
  input: { id: string; replyId: string; endorse: boolean },
): Promise<Question> {
  const { doc, actor, member } = await readableQuestion(user, input.id);
  requireAllowed(actor, 'question.endorse', { member });
  const reply = await replyOf(doc, input.replyId);
  const expertId = oid(user.id);
  // Each of the expert's endorsements of this reply is pulled whole (FerretDB's $pull matches
  // a sub-document by equality), then one pushed: a double press leaves one, never two.
  const mine = doc.endorsements.filter(
    (e) => String(e.replyId) === String(reply._id) && String(e.expertId) === user.id,
  );
  for (const e of mine)
    await QuestionModel.updateOne({ _id: doc._id }, { $pull: { endorsements: e } });
  if (input.endorse)
    await QuestionModel.updateOne(
      { _id: doc._id },
      { $push: { endorsements: { replyId: reply._id, expertId, at: new Date() } } },
    );
  return announceQuestion(facts, await reload(doc._id));
}
