import { z } from 'zod';
import { emptySchema, idSchema, isoDateSchema } from './common.js';
import { messageTextSchema, personRefSchema } from './conversations.js';
import { defineClientEvent } from './define.js';

/*
 * Questions to the experts (issue 13, items 1, 2 and 6). A question is asked in the open (the
 * root of a thread in the ask-an-expert channel, so peers can help too) or privately to the
 * experts (only the asker and the holders of the expert capability see it; guest experts do
 * not). It stays open until the asker accepts a reply as the answer; the asker can reopen it.
 * Experts see a queue of open questions, claim one, and a question nobody claimed in time is
 * escalated to every expert and the admins.
 */

/** What a question is about: the queue's filter and the statistics' second key. */
export const QUESTION_TOPICS = [
  'early-childhood',
  'school',
  'wellbeing',
  'bullying',
  'special-support',
  'parents-association',
  'other',
] as const;
export const questionTopicSchema = z.enum(QUESTION_TOPICS);
export type QuestionTopic = z.infer<typeof questionTopicSchema>;

export const QUESTION_VISIBILITIES = ['open', 'private'] as const;
export const questionVisibilitySchema = z.enum(QUESTION_VISIBILITIES);
export type QuestionVisibility = z.infer<typeof questionVisibilitySchema>;

export const QUESTION_STATUSES = ['open', 'answered'] as const;
export const questionStatusSchema = z.enum(QUESTION_STATUSES);
export type QuestionStatus = z.infer<typeof questionStatusSchema>;

export const MAX_QUESTION_TITLE_LENGTH = 160;
/** Unclaimed this long, a question is escalated (QUESTION_ESCALATION_HOURS overrides). */
export const DEFAULT_QUESTION_ESCALATION_HOURS = 24;

export const questionSchema = z.object({
  id: idSchema,
  /** null once the asker's account was erased. */
  asker: personRefSchema.nullable(),
  topic: questionTopicSchema,
  visibility: questionVisibilitySchema,
  title: z.string(),
  text: z.string(),
  status: questionStatusSchema,
  /** The asker's first question: first in the queue among those who waited as long. */
  firstTime: z.boolean(),
  createdAt: isoDateSchema,
  /** The expert who took it ("Anna has taken this"). */
  claimedBy: personRefSchema.nullable(),
  claimedAt: isoDateSchema.nullable(),
  /** When nobody had claimed it in time and every expert and admin was told. */
  escalatedAt: isoDateSchema.nullable(),
  firstExpertReplyAt: isoDateSchema.nullable(),
  acceptedReplyId: idSchema.nullable(),
  answeredAt: isoDateSchema.nullable(),
  /** Open questions: the thread in the ask-an-expert channel. */
  thread: z.object({ conversationId: idSchema, messageId: idSchema }).nullable(),
  /** The asker agreed that the answered question may become a library draft. */
  libraryConsent: z.boolean(),
  /** The library draft made of it (its editor sees it; others may not). */
  libraryEntryId: idSchema.nullable(),
});
export type Question = z.infer<typeof questionSchema>;

export const questionReplySchema = z.object({
  id: idSchema,
  /** null once the author's account was erased. */
  author: personRefSchema.nullable(),
  text: z.string(),
  createdAt: isoDateSchema,
  /** Experts who endorsed this reply. */
  endorsedBy: z.array(personRefSchema),
});
export type QuestionReply = z.infer<typeof questionReplySchema>;

/** One month and topic of the experts' statistics; times in minutes, null without data. */
export const questionStatsRowSchema = z.object({
  month: z.string().regex(/^\d{4}-\d{2}$/),
  topic: questionTopicSchema,
  asked: z.number().int().nonnegative(),
  answered: z.number().int().nonnegative(),
  medianFirstExpertReplyMinutes: z.number().nonnegative().nullable(),
  p90FirstExpertReplyMinutes: z.number().nonnegative().nullable(),
});
export type QuestionStatsRow = z.infer<typeof questionStatsRowSchema>;

export const questionEscalationSchema = z.object({
  id: idSchema,
  topic: questionTopicSchema,
  visibility: questionVisibilitySchema,
  createdAt: isoDateSchema,
});
export type QuestionEscalation = z.infer<typeof questionEscalationSchema>;

const questionId = z.object({ id: idSchema }).strict();
const questionResult = z.object({ question: questionSchema });
const replyRef = z.object({ id: idSchema, replyId: idSchema }).strict();

export const questionAskSchema = z
  .object({
    /** UUID made by the client: a retried ask returns the stored question. */
    clientId: z.uuid(),
    topic: questionTopicSchema,
    visibility: questionVisibilitySchema,
    title: z.string().trim().min(1).max(MAX_QUESTION_TITLE_LENGTH),
    text: messageTextSchema,
  })
  .strict();

export const questionReplyInputSchema = z
  .object({ id: idSchema, clientId: z.uuid(), text: messageTextSchema })
  .strict();

export const questionClientEvents = {
  /** Members, experts and staff (not guests): ask, in the open or privately to the experts. */
  'question:ask': defineClientEvent(questionAskSchema, questionResult),
  /** My own questions, newest first, with their status. */
  'question:mine': defineClientEvent(emptySchema, z.object({ questions: z.array(questionSchema) })),
  /** One question with its replies, for whoever may see it. */
  'question:get': defineClientEvent(
    questionId,
    z.object({ question: questionSchema, replies: z.array(questionReplySchema) }),
  ),
  /** A reply: a thread reply for an open question, a private reply for a private one. */
  'question:reply': defineClientEvent(
    questionReplyInputSchema,
    z.object({ question: questionSchema, reply: questionReplySchema }),
  ),
  /** The asker: this reply is the answer (a peer's or an expert's). */
  'question:accept': defineClientEvent(replyRef, questionResult),
  /** The asker: the question is open again. */
  'question:reopen': defineClientEvent(questionId, questionResult),
  /** An expert: endorse a reply (again: take the endorsement back). */
  'question:endorse': defineClientEvent(
    replyRef.extend({ endorse: z.boolean() }).strict(),
    questionResult,
  ),
  /** Experts and staff (guest experts: their channels' questions): open questions in order. */
  'question:queue': defineClientEvent(
    emptySchema,
    z.object({ questions: z.array(questionSchema) }),
  ),
  'question:claim': defineClientEvent(questionId, questionResult),
  'question:release': defineClientEvent(questionId, questionResult),
  /** Experts and admins: time to the first expert reply and the share answered, per month and topic. */
  'question:stats': defineClientEvent(
    emptySchema,
    z.object({ rows: z.array(questionStatsRowSchema) }),
  ),
  /** The asker: may (or may no longer) become a library draft. */
  'question:libraryConsent': defineClientEvent(
    z.object({ id: idSchema, consent: z.boolean() }).strict(),
    questionResult,
  ),
  /** The asker, or an expert or staff with the asker's consent: make the library draft. */
  'question:toLibrary': defineClientEvent(
    questionId,
    z.object({ question: questionSchema, entryId: idSchema }),
  ),
};

export const questionServerEvents = {
  /**
   * A question changed (asked, replied to, claimed, answered, reopened, escalated): to the
   * asker, to the experts who may see it, and for an open question to its channel.
   */
  'question:updated': questionSchema,
  /**
   * Unclaimed in time: to every expert who may see it and to the admins. Only what a waiting
   * question is about, never its words: an admin who is not an expert may not read a private one.
   */
  'question:escalated': questionEscalationSchema,
};
