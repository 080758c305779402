import type {
  LibraryEntry,
  LibraryEntrySummary,
  LibraryRevision,
  LibraryRevisionSummary,
  PersonRef,
} from '@yhteistyotila/protocol';
import type { Types } from 'mongoose';
import { loadPeople, type People } from '../conversations/index.js';
import { contentOf } from './library.content.js';
import type { EntryExtras } from './library.hooks.js';
import type { LibraryEntryDoc } from './library-entry.model.js';
import { LibraryRevisionModel, type LibraryRevisionDoc } from './library-revision.model.js';

const iso = (d: Date | null | undefined) => (d ? new Date(d).toISOString() : null);
const ref = (people: People, id: Types.ObjectId | null | undefined): PersonRef | null =>
  id ? (people.get(String(id)) ?? null) : null;

const peopleOf = (d: LibraryEntryDoc) => [
  d.authorId,
  d.editorId,
  d.review?.reviewerId,
  d.needsUpdating?.byId,
  ...(d.contributorIds ?? []),
];

function common(d: LibraryEntryDoc, people: People) {
  return {
    id: String(d._id),
    status: d.status,
    revision: d.revision,
    author: ref(people, d.authorId),
    startingContent: Boolean(d.seedKey),
    review: d.review
      ? {
          revision: d.review.revision,
          reviewer: ref(people, d.review.reviewerId),
          reviewedAt: d.review.reviewedAt.toISOString(),
          dueAt: d.review.dueAt.toISOString(),
          changedSince: d.review.changedSince ?? false,
        }
      : null,
    validationCount: d.validationCount ?? 0,
    needsUpdating: d.needsUpdating?.at
      ? {
          reason: d.needsUpdating.reason ?? '',
          by: ref(people, d.needsUpdating.byId),
          at: d.needsUpdating.at.toISOString(),
        }
      : null,
    createdAt: d.createdAt.toISOString(),
    updatedAt: d.updatedAt.toISOString(),
    publishedAt: iso(d.publishedAt),
  };
}

/** The current body: on the entry's current revision. */
async function bodyOf(d: LibraryEntryDoc): Promise<string> {
  const revision = await LibraryRevisionModel.findOne(
    { entryId: d._id, number: d.revision },
    { body: 1 },
  ).lean();
  return revision?.body ?? '';
}

export async function presentEntry(
  d: LibraryEntryDoc,
  extras: EntryExtras = { validatedByMe: false, followedByMe: false, credits: [] },
): Promise<LibraryEntry> {
  const [people, body] = await Promise.all([loadPeople(peopleOf(d)), bodyOf(d)]);
  const link = (conversationId: unknown, messageId: unknown) =>
    conversationId && messageId
      ? { conversationId: String(conversationId), messageId: String(messageId) }
      : null;
  return {
    ...contentOf({ ...d, body }),
    ...common(d, people),
    contributors: (d.contributorIds ?? [])
      .map((id) => people.get(String(id)))
      .filter((p): p is PersonRef => !!p),
    editor: ref(people, d.editorId),
    credits: extras.credits,
    validatedByMe: extras.validatedByMe,
    followedByMe: extras.followedByMe,
    discussion: link(d.discussionConversationId, d.discussionMessageId),
    origin: link(d.origin?.conversationId, d.origin?.messageId),
  };
}

export type Snippets = Map<
  string,
  { snippet: string; highlights: { start: number; end: number }[] }
>;

/** Entries in a list: no body (a search hit carries a snippet of it). */
export async function presentSummaries(
  docs: LibraryEntryDoc[],
  snippets: Snippets = new Map(),
): Promise<LibraryEntrySummary[]> {
  const people = await loadPeople(docs.flatMap((d) => [d.authorId, d.review?.reviewerId]));
  return docs.map((d) => {
    const { body: _body, sources: _sources, ...content } = contentOf({ ...d, body: '' });
    const hit = snippets.get(String(d._id));
    return {
      ...content,
      ...common(d, people),
      snippet: hit?.snippet ?? null,
      highlights: hit?.highlights ?? [],
    };
  });
}

export async function presentRevisionSummaries(
  docs: LibraryRevisionDoc[],
): Promise<LibraryRevisionSummary[]> {
  const people = await loadPeople(docs.map((d) => d.editorId));
  return docs.map((d) => summaryOf(d, people));
}

const summaryOf = (d: LibraryRevisionDoc, people: People): LibraryRevisionSummary => ({
  number: d.number,
  editor: ref(people, d.editorId),
  createdAt: d.createdAt.toISOString(),
  minor: d.minor ?? false,
  restoredFrom: d.restoredFrom ?? null,
  title: d.title,
});

export async function presentRevision(d: LibraryRevisionDoc): Promise<LibraryRevision> {
  const people = await loadPeople([d.editorId]);
  return { ...summaryOf(d, people), entryId: String(d.entryId), content: contentOf(d) };
}
