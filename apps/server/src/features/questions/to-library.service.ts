import {
  draftContent,
  MAX_LIBRARY_BODY_LENGTH,
  type Language,
  type Question,
} from '@yhteistyotila/protocol';
import type { AuthUser } from '../../auth/auth.js';
import type { AppContext } from '../../context.js';
import { AppError } from '../../errors.js';
import { claimOnce, releaseClaim } from '../../lib/once.js';
import type { Facts } from '../../realtime/facts.js';
import { MessageModel } from '../conversations/index.js';
import { bodyFrom, createDraft } from '../library/index.js';
import { QuestionModel, QuestionReplyModel, type QuestionDoc } from './question.model.js';
import { readableQuestion, requireAllowed } from './questions.policy.js';
import { announceQuestion, questionUrl } from './questions.service.js';

/*
 * An answered question becomes a library draft (issue 13, item 6): the question and the accepted
 * answer quoted as "save to library" quotes a thread (library/from-chat.service.ts), and a link
 * back. Made by the asker, or by an expert or staff member once the asker consented. The text is
 * kept as written: the draft is the editor's to strip of names and identifying details before
 * anyone else sees it (a draft is seen by its author and staff only), as the draft's first line
 * reminds them.
 */

const HEADINGS: Record<
  Language,
  { editor: string; question: string; answer: string; link: string }
> = {
  fi: {
    editor:
      '_Luonnos vastatusta kysymyksestä: poista nimet ja muut tunnistettavat tiedot ennen julkaisua._',
    question: 'Kysymys',
    answer: 'Vastaus',
    link: 'Alkuperäinen kysymys',
  },
  sv: {
    editor:
      '_Utkast av en besvarad fråga: ta bort namn och andra identifierande uppgifter före publicering._',
    question: 'Fråga',
    answer: 'Svar',
    link: 'Den ursprungliga frågan',
  },
  en: {
    editor:
      '_Draft from an answered question: remove names and other identifying details before publishing._',
    question: 'Question',
    answer: 'Answer',
    link: 'The original question',
  },
};

async function acceptedAnswerText(doc: QuestionDoc): Promise<string> {
  if (!doc.acceptedReplyId) return '';
  const reply =
    doc.visibility === 'private'
      ? await QuestionReplyModel.findOne({ _id: doc.acceptedReplyId, questionId: doc._id }).lean()
      : await MessageModel.findOne({
          _id: doc.acceptedReplyId,
          threadRootId: doc.messageId,
        }).lean();
  return reply?.text ?? '';
}

export function draftBody(
  app: Pick<AppContext, 'config'>,
  doc: QuestionDoc,
  answer: string,
  language: Language,
): string {
  const h = HEADINGS[language];
  const link = `[${h.link}](${questionUrl(app, String(doc._id))})`;
  const quoted = bodyFrom([doc.text, answer]).split('\n\n');
  const body = [
    h.editor,
    `### ${h.question}`,
    quoted[0] ?? '',
    `### ${h.answer}`,
    ...quoted.slice(1),
    link,
  ].join('\n\n');
  return body.slice(0, MAX_LIBRARY_BODY_LENGTH);
}

/** The asker says whether the answered question may become a library draft. */
export async function setLibraryConsent(
  facts: Facts,
  user: AuthUser,
  input: { id: string; consent: boolean },
): Promise<Question> {
  const { doc, actor, own } = await readableQuestion(user, input.id);
  requireAllowed(actor, 'question.accept', { own });
  await QuestionModel.updateOne({ _id: doc._id }, { $set: { libraryConsent: input.consent } });
  return announceQuestion(facts, { ...doc, libraryConsent: input.consent });
}

export async function questionToLibrary(
  app: AppContext,
  facts: Facts,
  user: AuthUser,
  id: string,
): Promise<{ question: Question; entryId: string }> {
  const { doc, actor, own } = await readableQuestion(user, id);
  requireAllowed(actor, 'question.toLibrary', { own, consented: doc.libraryConsent });
  requireAllowed(actor, 'library.write');
  if (doc.status !== 'answered' || !doc.acceptedReplyId)
    throw new AppError('QUESTION_NOT_ANSWERED', 'not answered');
  if (doc.libraryEntryId)
    return { question: await announceQuestion(facts, doc), entryId: String(doc.libraryEntryId) };
  // One draft per question, even when the asker and an expert press at once.
  const key = `question:library:${String(doc._id)}`;
  if (!(await claimOnce(key))) throw new AppError('CONFLICT', 'the draft is being made');
  try {
    const content = draftContent({
      title: doc.title,
      body: draftBody(app, doc, await acceptedAnswerText(doc), user.language),
      language: user.language,
      level: 'national',
    });
    const origin =
      doc.conversationId && doc.messageId
        ? { conversationId: doc.conversationId, messageId: doc.messageId }
        : null;
    const entry = await createDraft(user, content, { origin });
    await QuestionModel.updateOne({ _id: doc._id }, { $set: { libraryEntryId: entry._id } });
    const question = await announceQuestion(facts, { ...doc, libraryEntryId: entry._id });
    return { question, entryId: String(entry._id) };
  } catch (err) {
    await releaseClaim(key);
    throw err;
  }
}
