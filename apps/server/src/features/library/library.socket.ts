import type { AppContext } from '../../context.js';
import { createRateLimit } from '../../lib/rate-limit.js';
import { defineHandler, type SocketHandler } from '../../realtime/define-handler.js';
import {
  createEntry,
  deleteEntry,
  getEntry,
  publishEntry,
  restoreRevision,
  saveEntry,
} from './entries.service.js';
import { listEntries } from './find.service.js';
import { diffRevisions, getRevision, listRevisions } from './revisions.service.js';

/** Saves a person may make in a minute: an editor saving often, not a script flooding history. */
export const LIBRARY_WRITES_PER_MINUTE = 30;
/** Word diffs of huge revisions hold the event loop for up to a second each: a person's pace. */
export const LIBRARY_DIFFS_PER_MINUTE = 20;

/** The entries' core: browse and search, read, write, publish, delete, revisions. */
export function libraryHandlers(app: AppContext): SocketHandler[] {
  const writes = createRateLimit(
    { name: 'library-writes', points: LIBRARY_WRITES_PER_MINUTE, durationSeconds: 60 },
    app.redis,
  );
  const diffs = createRateLimit(
    { name: 'library-diffs', points: LIBRARY_DIFFS_PER_MINUTE, durationSeconds: 60 },
    app.redis,
  );
  return [
    defineHandler('library:list', async (p, { user }) => listEntries(user, p)),
    defineHandler('library:get', async (p, { user }) => ({ entry: await getEntry(user, p.id) })),
    defineHandler(
      'library:create',
      async (p, { user }) => ({ entry: await createEntry(user, p.content) }),
      { rateLimit: writes },
    ),
    defineHandler(
      'library:save',
      async (p, { user, facts }) => ({ entry: await saveEntry(facts, user, p) }),
      { rateLimit: writes },
    ),
    defineHandler(
      'library:publish',
      async (p, { user, facts }) => ({ entry: await publishEntry(facts, user, p.id) }),
      { rateLimit: writes },
    ),
    defineHandler(
      'library:delete',
      async (p, { user, facts }) => {
        await deleteEntry(facts, user, p.id);
        return {};
      },
      { rateLimit: writes },
    ),
    defineHandler('library:revisions', async (p, { user }) => ({
      revisions: await listRevisions(user, p.id),
    })),
    defineHandler('library:revision', async (p, { user }) => ({
      revision: await getRevision(user, p.id, p.number),
    })),
    defineHandler('library:diff', async (p, { user }) => ({ diff: await diffRevisions(user, p) }), {
      rateLimit: diffs,
    }),
    defineHandler(
      'library:restore',
      async (p, { user, facts }) => ({ entry: await restoreRevision(facts, user, p) }),
      { rateLimit: writes },
    ),
  ];
}
