import { can } from '@yhteistyotila/protocol';
import type { AuthUser } from '../../auth/auth.js';
import { oid } from '../../db/object-id.js';
import { forbidden, notFound } from '../../errors.js';
import { requireAction } from '../access/index.js';
import { LibraryEntryModel, type LibraryEntryDoc } from './library-entry.model.js';

/*
 * Who may read and write which entry ("Who may do what", the library rows). Reads use the
 * session's role (a role change ends the person's sessions); writes ask requireAction, which
 * reads the role afresh. Whatever a person may not read answers NOT_FOUND, like a private channel.
 */

type Reader = Pick<AuthUser, 'id' | 'role' | 'expert'>;

const isOwn = (user: Reader, doc: Pick<LibraryEntryDoc, 'authorId'>) =>
  doc.authorId !== null && String(doc.authorId) === user.id;

export function mayRead(user: Reader, doc: Pick<LibraryEntryDoc, 'status' | 'authorId'>) {
  const who = { role: user.role, expert: user.expert };
  return doc.status === 'published'
    ? can('library.read', who)
    : can('library.readDraft', { ...who, own: isOwn(user, doc) });
}

/** The entry, if the person may read it; NOT_FOUND otherwise (no oracle for others' drafts). */
export async function readableEntry(user: AuthUser, id: string): Promise<LibraryEntryDoc> {
  const doc = await LibraryEntryModel.findById(oid(id)).lean<LibraryEntryDoc>();
  if (!doc || !mayRead(user, doc)) throw notFound();
  return doc;
}

/**
 * The entry, if the person may save a revision of it: any writer a published entry, only its
 * author a draft (staff read drafts, they do not write in them).
 */
export async function writableEntry(user: AuthUser, id: string): Promise<LibraryEntryDoc> {
  await requireAction(user, 'library.write');
  const doc = await readableEntry(user, id);
  if (doc.status === 'draft' && !isOwn(user, doc)) throw forbidden('a draft is its author’s');
  return doc;
}

/** Own draft, or staff any entry. */
export async function deletableEntry(user: AuthUser, id: string): Promise<LibraryEntryDoc> {
  const doc = await readableEntry(user, id);
  await requireAction(user, 'library.delete', { own: doc.status === 'draft' && isOwn(user, doc) });
  return doc;
}

/** Only the author publishes their draft. */
export async function publishableEntry(user: AuthUser, id: string): Promise<LibraryEntryDoc> {
  const doc = await writableEntry(user, id);
  if (!isOwn(user, doc)) throw forbidden('only the author publishes');
  return doc;
}
