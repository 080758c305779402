import type { LibraryEntry } from '@yhteistyotila/protocol';
import type { AuthUser } from '../../auth/auth.js';
import { oid } from '../../db/object-id.js';
import { forbidden } from '../../errors.js';
import type { Facts } from '../../realtime/facts.js';
import { requireAction } from '../access/index.js';
import { announce, entryFor } from './entries.service.js';
import { readableEntry } from './library.policy.js';
import { LibraryEntryModel } from './library-entry.model.js';

/*
 * The "needs updating" flag (issue 12, item 3): members, experts and staff flag a published
 * entry with a reason (`library.participate`); experts, moderators and admins clear it
 * (`library.clearFlag`). One flag at a time: while an entry is flagged a second flag changes
 * nothing (the first reason stands until someone clears it, so it cannot be overwritten).
 */

export async function flagEntry(
  facts: Facts,
  user: AuthUser,
  input: { id: string; reason: string },
  now = new Date(),
): Promise<LibraryEntry> {
  await requireAction(user, 'library.participate');
  const doc = await readableEntry(user, input.id);
  if (doc.status !== 'published') throw forbidden('only published entries are flagged');
  if (!doc.needsUpdating?.at) {
    await LibraryEntryModel.updateOne(
      { _id: doc._id, needsUpdating: null },
      { $set: { needsUpdating: { reason: input.reason, byId: oid(user.id), at: now } } },
    );
  }
  return announced(facts, user, input.id);
}

export async function clearFlag(facts: Facts, user: AuthUser, id: string): Promise<LibraryEntry> {
  await requireAction(user, 'library.clearFlag');
  const doc = await readableEntry(user, id);
  if (doc.needsUpdating)
    await LibraryEntryModel.updateOne({ _id: doc._id }, { $set: { needsUpdating: null } });
  return announced(facts, user, id);
}

async function announced(facts: Facts, user: AuthUser, id: string): Promise<LibraryEntry> {
  const fresh = await readableEntry(user, id);
  await announce(facts, fresh);
  return entryFor(user, fresh);
}
