import type { LibraryEntry } from '@yhteistyotila/protocol';
import type { Types } from 'mongoose';
import type { AuthUser } from '../../auth/auth.js';
import { UserModel } from '../../auth/user.model.js';
import { oid } from '../../db/object-id.js';
import { isDuplicateKey } from '../../errors.js';
import { requireAction } from '../access/index.js';
import { entryFor } from './entries.service.js';
import { addEntryExtras, onEntryDeleted, onEntryWritten } from './library.hooks.js';
import { mayRead, readableEntry } from './library.policy.js';
import { LibraryEntryModel, type LibraryEntryDoc } from './library-entry.model.js';
import { LibraryFollowModel } from './follows.model.js';

/*
 * "Changes to entries I follow" (issue 14): whoever may read an entry may follow it; its author
 * and everyone who saves or publishes a version follow it by themselves (docs/decisions.md).
 * The notification itself is made from the write's `library:entryUpdated` fact by
 * features/notifications (notifications.source.ts), which asks `followersToTell`.
 */

/** Follows or stops following; NOT_FOUND for an entry the person may not read. */
export async function setFollowing(
  user: AuthUser,
  input: { entryId: string; follow: boolean },
  now = new Date(),
): Promise<LibraryEntry> {
  await requireAction(user, 'library.follow');
  const doc = await readableEntry(user, input.entryId);
  const key = { entryId: doc._id, userId: oid(user.id) };
  try {
    await LibraryFollowModel.create({ ...key, following: input.follow, createdAt: now });
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
    // A row was there: only a change of mind restarts its time.
    await LibraryFollowModel.updateOne(
      { ...key, following: !input.follow },
      { $set: { following: input.follow, createdAt: now } },
    );
  }
  return entryFor(user, doc);
}

/** The automatic follow: loses to any row already there (an explicit unfollow stays). */
async function autoFollow(user: AuthUser, entryId: Types.ObjectId, now: Date): Promise<void> {
  try {
    await LibraryFollowModel.create({
      entryId,
      userId: oid(user.id),
      following: true,
      createdAt: now,
    });
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
  }
}

/** Of these people, those who may read the entry now (25 at a time: no long `$in`). */
async function readersAmong(doc: LibraryEntryDoc, userIds: Types.ObjectId[]): Promise<string[]> {
  const out: string[] = [];
  for (let i = 0; i < userIds.length; i += 25) {
    const people = await UserModel.find(
      { _id: { $in: userIds.slice(i, i + 25) } },
      { role: 1, expert: 1, status: 1 },
    ).lean();
    for (const p of people)
      if (
        p.status === 'active' &&
        mayRead({ id: String(p._id), role: p.role, expert: p.expert }, doc)
      )
        out.push(String(p._id));
  }
  return out;
}

/**
 * Who is told of a change to the entry made at `changedAt`: its followers who followed before
 * it and may still read it (the actor is left out by notify()). None once the entry is gone.
 */
export async function followersToTell(entryId: string, changedAt: Date): Promise<string[]> {
  const doc = await LibraryEntryModel.findById(oid(entryId)).lean<LibraryEntryDoc>();
  if (!doc) return [];
  const rows = await LibraryFollowModel.find(
    { entryId: doc._id, following: true },
    { userId: 1, createdAt: 1 },
  ).lean();
  const before = rows.filter((r) => r.createdAt.getTime() <= changedAt.getTime());
  return before.length
    ? readersAmong(
        doc,
        before.map((r) => r.userId),
      )
    : [];
}

/** Of these entries, those the person may read now (each by its _id, the equality pushed down). */
export async function readableEntryIds(user: AuthUser, entryIds: string[]): Promise<Set<string>> {
  const ids = [...new Set(entryIds)];
  const docs = await Promise.all(
    ids.map((id) =>
      LibraryEntryModel.findById(oid(id), { status: 1, authorId: 1 }).lean<LibraryEntryDoc>(),
    ),
  );
  return new Set(docs.flatMap((d) => (d && mayRead(user, d) ? [String(d._id)] : [])));
}

// The reader's own follow on the entry they open: one read on the unique index.
addEntryExtras(async (user, doc) =>
  user
    ? {
        followedByMe: !!(await LibraryFollowModel.exists({
          entryId: doc._id,
          userId: oid(user.id),
          following: true,
        })),
      }
    : {},
);

onEntryWritten(autoFollow);

onEntryDeleted(async (entryId) => {
  await LibraryFollowModel.deleteMany({ entryId });
});
