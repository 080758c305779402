import {
  draftContent,
  MAX_LIBRARY_BODY_LENGTH,
  MAX_LIBRARY_TITLE_LENGTH,
  type Language,
  type LibraryEntry,
} from '@yhteistyotila/protocol';
import type { AuthUser } from '../../auth/auth.js';
import { AppError, forbidden, notFound } from '../../errors.js';
import type { Facts } from '../../realtime/facts.js';
import { requireAction } from '../access/index.js';
import { accessMessage, MessageModel, type MessageDoc } from '../conversations/index.js';
import { requestCredits } from './credits.service.js';
import { createDraft, entryFor } from './entries.service.js';

/*
 * "Save to library" (issue 12, item 5): a message, or a whole thread, of a PUBLIC channel
 * becomes a prefilled draft of the person saving it, linking back to where it came from
 * (`origin`). A private channel or a DM is refused: what was said there was said to few, and a
 * library entry is for everyone. The people quoted are not named in the text; each is asked
 * whether they may be credited (credits.service.ts).
 */

/** The title when the first line has no words: in the saver's language (they will edit it). */
const UNTITLED: Record<Language, string> = {
  fi: 'Keskustelusta tallennettu',
  sv: 'Sparat från en diskussion',
  en: 'Saved from a discussion',
};

/** How many replies of a thread are quoted at most (the body's limit comes first anyway). */
const MAX_THREAD_MESSAGES = 500;

/** The first line with words, without Markdown's block markers, as a title. */
export function titleFrom(text: string, language: Language): string {
  const line = text
    .split(/\r?\n/u)
    .map((l) => l.replace(/^\s*(?:#{1,6}\s+|>\s*|[-*+]\s+|\d+[.)]\s+)*/u, '').trim())
    .find((l) => /[\p{L}\p{N}]/u.test(l));
  if (!line) return UNTITLED[language];
  if (line.length <= MAX_LIBRARY_TITLE_LENGTH) return line;
  const cut = line.slice(0, MAX_LIBRARY_TITLE_LENGTH - 1);
  return `${cut.slice(0, cut.lastIndexOf(' ') > 40 ? cut.lastIndexOf(' ') : cut.length)}…`;
}

/** Each message quoted as its own block; the whole within the body's limit. */
export function bodyFrom(texts: string[]): string {
  const blocks: string[] = [];
  let length = 0;
  for (const text of texts) {
    const quoted = text
      .split(/\r?\n/u)
      .map((l) => (l.trim() ? `> ${l}` : '>'))
      .join('\n');
    if (length + quoted.length + 2 > MAX_LIBRARY_BODY_LENGTH) break;
    blocks.push(quoted);
    length += quoted.length + 2;
  }
  return blocks.join('\n\n');
}

/** The messages saved: the one, or the thread's root and its replies in order. */
async function messagesToSave(message: MessageDoc, wholeThread: boolean): Promise<MessageDoc[]> {
  if (!wholeThread) return [message];
  if (message.threadRootId)
    throw new AppError('VALIDATION_ERROR', 'a whole thread is saved from its root', {
      issues: [{ path: 'wholeThread', code: 'not_a_thread_root' }],
    });
  const replies = await MessageModel.find({
    conversationId: message.conversationId,
    threadRootId: message._id,
  })
    .sort({ seq: 1 })
    .limit(MAX_THREAD_MESSAGES)
    .lean<MessageDoc[]>();
  return [message, ...replies.filter((r) => !r.deletedAt)];
}

export async function saveFromChat(
  facts: Facts,
  user: AuthUser,
  input: { messageId: string; wholeThread?: boolean | undefined },
): Promise<LibraryEntry> {
  await requireAction(user, 'library.write');
  // NOT_FOUND for a message the person cannot read, exactly as for one that does not exist.
  const { message, conv } = await accessMessage(user, input.messageId);
  if (message.deletedAt) throw notFound();
  if (conv.kind !== 'channel' || conv.visibility !== 'public')
    throw forbidden('only messages of public channels are saved to the library');
  const saved = await messagesToSave(message, input.wholeThread === true);
  const content = draftContent({
    title: titleFrom(message.text, user.language),
    body: bodyFrom(saved.map((m) => m.text)),
    language: user.language,
    level: 'municipal',
  });
  const draft = await createDraft(user, content, {
    origin: { conversationId: conv._id, messageId: message._id },
  });
  const quoted = saved.flatMap((m) => (m.authorId ? [m.authorId] : []));
  await requestCredits(facts, user, draft, quoted);
  return entryFor(user, draft);
}
