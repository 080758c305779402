import { LIBRARY_CHANNEL_KEY, rooms, type LibraryMessageLink } from '@yhteistyotila/protocol';
import type { AuthUser } from '../../auth/auth.js';
import type { AppContext } from '../../context.js';
import { oid } from '../../db/object-id.js';
import { AppError, forbidden } from '../../errors.js';
import { claimOnce, releaseClaim } from '../../lib/once.js';
import { sleep } from '../../lib/time.js';
import type { Facts } from '../../realtime/facts.js';
import { requireAction } from '../access/index.js';
import {
  addMember,
  ConversationModel,
  sendMessage,
  sendSystemMessage,
  type ConversationDoc,
} from '../conversations/index.js';
import { announce } from './entries.service.js';
import { onEntryPublished } from './library.hooks.js';
import { readableEntry } from './library.policy.js';
import { LibraryEntryModel, type LibraryEntryDoc } from './library-entry.model.js';

/*
 * Each published entry's discussion is a thread in the library channel (the seeded public
 * channel LIBRARY_CHANNEL_KEY, "hyvät käytännöt"), so unread counts, mentions, follows and the
 * delivery guarantees are the threads' own (issue 12, item 4). The thread's root message links
 * to the entry; it is posted when the entry is published, by its publisher, or on first need
 * (entries published before, or whose publish could not post) by whoever opens the discussion;
 * a starting entry's root is always the League's (a system message), whoever asks first.
 * Exactly one root per entry: a claim under a unique index decides who posts it.
 */

/** The entry's permalink on the web (apps/web/src/features/library/library-paths.ts). */
export const entryUrl = (app: Pick<AppContext, 'config'>, entryId: string) =>
  `${app.config.publicUrl}/kirjasto/${entryId}`;

/** How long a second asker waits for the first one's root message before giving up. */
const WAIT_FOR_ROOT_MS = 5_000;

const escapeLinkText = (text: string) => text.replace(/([\\[\]*_`<>])/g, '\\$1');

/** The root message: the entry's title as a link, and its summary. */
export function rootMessageText(
  app: Pick<AppContext, 'config'>,
  doc: Pick<LibraryEntryDoc, '_id' | 'title' | 'summary'>,
): string {
  const link = `📚 **[${escapeLinkText(doc.title)}](${entryUrl(app, String(doc._id))})**`;
  return doc.summary ? `${link}\n\n${doc.summary}` : link;
}

async function libraryChannel(): Promise<ConversationDoc> {
  const conv = await ConversationModel.findOne({
    key: `slug:${LIBRARY_CHANNEL_KEY}`,
  }).lean<ConversationDoc>();
  if (!conv) throw new AppError('UNAVAILABLE', 'the library channel is not there');
  return conv;
}

const linkOf = (doc: LibraryEntryDoc): LibraryMessageLink | null =>
  doc.discussionMessageId && doc.discussionConversationId
    ? {
        conversationId: String(doc.discussionConversationId),
        messageId: String(doc.discussionMessageId),
      }
    : null;

/**
 * The entry's discussion thread, its root posted now by `user` if it has none yet. The poster
 * joins the library channel first (a public channel, which they could join themselves).
 */
async function ensureDiscussion(
  app: AppContext,
  facts: Facts,
  user: AuthUser,
  doc: LibraryEntryDoc,
): Promise<LibraryMessageLink> {
  const existing = linkOf(doc);
  if (existing) return existing;
  const claim = `library-discussion:${String(doc._id)}`;
  if (!(await claimOnce(claim))) return waitForRoot(user, String(doc._id));
  try {
    const conv = await libraryChannel();
    await addMember(app, conv, user.id, facts);
    // Deterministic client id: a retry after a failure below finds the message it stored.
    const root = { clientId: claim, text: rootMessageText(app, doc) };
    // A starting entry is the League's: its root is the League's too, not the first asker's.
    const sent = doc.seedKey
      ? await sendSystemMessage({ ...root, conversationId: conv._id, systemAuthor: 'league' })
      : await sendMessage(user, { ...root, conversationId: String(conv._id) });
    if (sent.created)
      facts.add(rooms.conversation(String(conv._id)), 'message:created', {
        message: sent.message,
      });
    const link = { discussionMessageId: oid(sent.message.id), discussionConversationId: conv._id };
    await LibraryEntryModel.updateOne({ _id: doc._id }, { $set: link });
    // The caller's document is completed too: the publisher's answer and announcement carry it.
    Object.assign(doc, link);
    return { conversationId: String(conv._id), messageId: sent.message.id };
  } catch (err) {
    // Let the next person try again rather than leave the entry without a discussion.
    await releaseClaim(claim);
    throw err;
  }
}

/** Someone else is posting the root right now: it is stored within moments. */
async function waitForRoot(user: AuthUser, id: string): Promise<LibraryMessageLink> {
  const until = Date.now() + WAIT_FOR_ROOT_MS;
  while (Date.now() < until) {
    await sleep(100);
    const link = linkOf(await readableEntry(user, id));
    if (link) return link;
  }
  throw new AppError('UNAVAILABLE', 'the discussion is being started, try again');
}

/**
 * `library:discussion`: the entry's thread, for anyone who may read the entry; starting it
 * (posting its root) needs `library.participate`, like posting in it.
 */
export async function discussionOf(
  app: AppContext,
  facts: Facts,
  user: AuthUser,
  id: string,
): Promise<LibraryMessageLink> {
  const doc = await readableEntry(user, id);
  const existing = linkOf(doc);
  if (existing) return existing;
  if (doc.status !== 'published') throw forbidden('drafts are not discussed');
  await requireAction(user, 'library.participate');
  const link = await ensureDiscussion(app, facts, user, doc);
  if (doc.discussionMessageId) await announce(facts, doc);
  return link;
}

/**
 * Publishing posts the root. The publish itself is done by then: if the root cannot be posted
 * (the publisher is muted in the library channel, the channel was archived), it is logged and
 * the discussion starts on first need instead.
 */
export function postDiscussionOnPublish(app: AppContext): void {
  current = app;
}
let current: AppContext | undefined;
onEntryPublished(async (facts, user, doc) => {
  const app = current;
  if (!app) return;
  try {
    await ensureDiscussion(app, facts, user, doc);
  } catch (err) {
    app.log.warn({ err, entryId: String(doc._id) }, 'library discussion not started at publish');
  }
});
