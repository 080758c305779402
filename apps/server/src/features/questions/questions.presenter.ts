import type { Question, QuestionEscalation, QuestionReply } from '@yhteistyotila/protocol';
import type { Types } from 'mongoose';
import { loadPeople, type People } from '../conversations/index.js';
import type { QuestionDoc } from './question.model.js';

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);
const person = (people: People, id: Types.ObjectId | null | undefined) =>
  (id && people.get(String(id))) ?? null;

export function presentQuestion(doc: QuestionDoc, people: People): Question {
  return {
    id: String(doc._id),
    asker: person(people, doc.askerId),
    topic: doc.topic,
    visibility: doc.visibility,
    title: doc.title,
    text: doc.text,
    status: doc.status,
    firstTime: doc.firstTime,
    createdAt: doc.createdAt.toISOString(),
    claimedBy: person(people, doc.claimedBy),
    claimedAt: iso(doc.claimedAt),
    escalatedAt: iso(doc.escalatedAt),
    firstExpertReplyAt: iso(doc.firstExpertReplyAt),
    acceptedReplyId: doc.acceptedReplyId ? String(doc.acceptedReplyId) : null,
    answeredAt: iso(doc.answeredAt),
    thread:
      doc.conversationId && doc.messageId
        ? { conversationId: String(doc.conversationId), messageId: String(doc.messageId) }
        : null,
    libraryConsent: doc.libraryConsent,
    libraryEntryId: doc.libraryEntryId ? String(doc.libraryEntryId) : null,
  };
}

/** The people a list of questions names, in one read (cached: auth/people.ts). */
export async function presentQuestions(docs: QuestionDoc[]): Promise<Question[]> {
  const people = await loadPeople(docs.flatMap((d) => [d.askerId, d.claimedBy]));
  return docs.map((d) => presentQuestion(d, people));
}

export const presentQuestionOne = async (doc: QuestionDoc) => (await presentQuestions([doc]))[0]!;

export const presentEscalation = (doc: QuestionDoc): QuestionEscalation => ({
  id: String(doc._id),
  topic: doc.topic,
  visibility: doc.visibility,
  createdAt: doc.createdAt.toISOString(),
});

/** A reply (a thread message or a private reply), with the experts who endorsed it. */
export interface ReplySource {
  _id: Types.ObjectId;
  authorId?: Types.ObjectId | null | undefined;
  text: string;
  createdAt: Date;
}

export async function presentReplies(
  doc: QuestionDoc,
  replies: ReplySource[],
): Promise<QuestionReply[]> {
  const people = await loadPeople([
    ...replies.map((r) => r.authorId),
    ...doc.endorsements.map((e) => e.expertId),
  ]);
  return replies.map((r) => ({
    id: String(r._id),
    author: person(people, r.authorId),
    text: r.text,
    createdAt: r.createdAt.toISOString(),
    // One per expert, even if two presses at once both pushed.
    endorsedBy: [
      ...new Set(
        doc.endorsements
          .filter((e) => String(e.replyId) === String(r._id))
          .map((e) => String(e.expertId)),
      ),
    ].flatMap((id) => people.get(id) ?? []),
  }));
}
