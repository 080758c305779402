import type { LibraryDiff, LibraryRevision, LibraryRevisionSummary } from '@yhteistyotila/protocol';
import type { AuthUser } from '../../auth/auth.js';
import { notFound } from '../../errors.js';
import { contentDiff } from './library.diff.js';
import { contentOf } from './library.content.js';
import { readableEntry } from './library.policy.js';
import { presentRevision, presentRevisionSummaries } from './library.presenter.js';
import { LibraryRevisionModel, type LibraryRevisionDoc } from './library-revision.model.js';

/** An entry's revisions, newest first: who saved each, when, and whether it was minor. */
export async function listRevisions(user: AuthUser, id: string): Promise<LibraryRevisionSummary[]> {
  const entry = await readableEntry(user, id);
  const docs = await LibraryRevisionModel.find(
    { entryId: entry._id },
    { entryId: 1, number: 1, editorId: 1, createdAt: 1, minor: 1, restoredFrom: 1, title: 1 },
  )
    .sort({ number: -1 })
    .lean<LibraryRevisionDoc[]>();
  return presentRevisionSummaries(docs);
}

async function revisionOf(user: AuthUser, id: string, number: number) {
  const entry = await readableEntry(user, id);
  const doc = await LibraryRevisionModel.findOne({
    entryId: entry._id,
    number,
  }).lean<LibraryRevisionDoc>();
  if (!doc) throw notFound();
  return doc;
}

export async function getRevision(
  user: AuthUser,
  id: string,
  number: number,
): Promise<LibraryRevision> {
  return presentRevision(await revisionOf(user, id, number));
}

/** How revision `to` differs from revision `from`, word by word. */
export async function diffRevisions(
  user: AuthUser,
  input: { id: string; from: number; to: number },
): Promise<LibraryDiff> {
  const from = await revisionOf(user, input.id, input.from);
  const to = await revisionOf(user, input.id, input.to);
  return contentDiff(contentOf(from), contentOf(to));
}
