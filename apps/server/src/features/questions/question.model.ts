import { QUESTION_STATUSES, QUESTION_TOPICS, QUESTION_VISIBILITIES } from '@yhteistyotila/protocol';
import mongoose, { Schema, type InferSchemaType, type Types } from 'mongoose';
import { stampOnWrite } from '../../lib/stamp.js';

const { ObjectId } = Schema.Types;

const endorsementSchema = new Schema(
  {
    replyId: { type: ObjectId, required: true },
    expertId: { type: ObjectId, required: true },
    at: { type: Date, required: true },
  },
  { _id: false },
);

/**
 * A question to the experts. An open one is also the root message of a thread in the
 * ask-an-expert channel (`conversationId`, `messageId`), whose replies are its replies; a
 * private one is no message at all: its replies are QuestionReply documents, read only through
 * this feature, so no conversation path (history, search, sync, unread, presence) can show it.
 */
const questionSchema = new Schema(
  {
    /** null once the asker's account was erased. */
    askerId: { type: ObjectId, default: null },
    /** The asker's UUID for this ask: a retried ask finds the stored question. */
    clientId: { type: String, required: true },
    topic: { type: String, enum: QUESTION_TOPICS, required: true },
    visibility: { type: String, enum: QUESTION_VISIBILITIES, required: true },
    title: { type: String, required: true },
    text: { type: String, required: true },
    status: { type: String, enum: QUESTION_STATUSES, default: 'open' },
    firstTime: { type: Boolean, default: false },
    createdAt: { type: Date, required: true },
    conversationId: { type: ObjectId, default: null },
    messageId: { type: ObjectId, default: null },
    /** Copied from the claim (question-claim below decides who holds it). */
    claimedBy: { type: ObjectId, default: null },
    claimedAt: { type: Date, default: null },
    escalatedAt: { type: Date, default: null },
    firstExpertReplyAt: { type: Date, default: null },
    acceptedReplyId: { type: ObjectId, default: null },
    answeredAt: { type: Date, default: null },
    endorsements: { type: [endorsementSchema], default: [] },
    libraryConsent: { type: Boolean, default: false },
    libraryEntryId: { type: ObjectId, default: null },
  },
  { versionKey: false },
);
questionSchema.index({ askerId: 1, clientId: 1 }, { unique: true });
// The queue and the escalation job: equality on status narrows, the rest is sorted in process.
questionSchema.index({ status: 1, createdAt: 1 });
questionSchema.index({ askerId: 1, createdAt: -1 });
questionSchema.index({ messageId: 1 });
questionSchema.index({ createdAt: 1 });
/** Replaced by every write to the questions: the queue keeps the open ones under it. */
export const QUESTIONS_STAMP = 'questions';
stampOnWrite(questionSchema, QUESTIONS_STAMP);

export type QuestionDoc = InferSchemaType<typeof questionSchema> & { _id: Types.ObjectId };
export const QuestionModel = mongoose.model('Question', questionSchema, 'questions');

/** A reply to a private question (an open question's replies are its thread's messages). */
const replySchema = new Schema(
  {
    questionId: { type: ObjectId, required: true },
    /** null once the author's account was erased. */
    authorId: { type: ObjectId, default: null },
    clientId: { type: String, required: true },
    text: { type: String, required: true },
    createdAt: { type: Date, required: true },
  },
  { versionKey: false },
);
replySchema.index({ authorId: 1, clientId: 1 }, { unique: true });
replySchema.index({ questionId: 1, createdAt: 1 });

export type QuestionReplyDoc = InferSchemaType<typeof replySchema> & { _id: Types.ObjectId };
export const QuestionReplyModel = mongoose.model('QuestionReply', replySchema, 'questionreplies');

/**
 * Who has taken a question: one document per question under a unique index, so of two experts
 * pressing "claim" at once exactly one inserts (a compare-and-set update is not atomic on
 * FerretDB, docs/decisions.md). Releasing deletes it.
 */
const claimSchema = new Schema(
  {
    questionId: { type: ObjectId, required: true },
    expertId: { type: ObjectId, required: true },
    claimedAt: { type: Date, required: true },
  },
  { versionKey: false },
);
claimSchema.index({ questionId: 1 }, { unique: true });
claimSchema.index({ expertId: 1 });

export type QuestionClaimDoc = InferSchemaType<typeof claimSchema> & { _id: Types.ObjectId };
export const QuestionClaimModel = mongoose.model('QuestionClaim', claimSchema, 'questionclaims');
