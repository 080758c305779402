import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestUser } from '../../../test/factories.js';
import { startTestServer, type TestServer } from '../../../test/harness.js';
import { connectReady, createUsers, ok } from '../../../test/sockets.js';
import { LibraryEntryModel } from '../library-entry.model.js';
import { LibraryRevisionModel } from '../library-revision.model.js';
import { LibraryTermsModel } from '../library-terms.model.js';
import { STALE_CLAIM_MS, loadStartingContent } from './load.js';
import { readStartingContent } from './read.js';
import { SeedLoadModel } from './seed-load.model.js';

/*
 * The starting content as a member meets it: loaded by the server's own start (the library
 * feature), read and edited over the socket API, deleted by an admin; later starts are the
 * loader run again on the same database.
 */
let server: TestServer;
let member: TestUser, admin: TestUser;
const shipped = readStartingContent();

beforeAll(async () => {
  server = await startTestServer();
  [member, admin] = await createUsers(server, [
    { name: 'Maija Jäsen' },
    { role: 'admin', name: 'Aino Ylläpitäjä' },
  ]);
});
afterAll(() => server.close());

const countsBySeedKey = async () => {
  const docs = await LibraryEntryModel.find({ seedKey: { $ne: null } }, { seedKey: 1 }).lean();
  const counts = new Map<string, number>();
  for (const d of docs) counts.set(d.seedKey!, (counts.get(d.seedKey!) ?? 0) + 1);
  return counts;
};

const listAll = async (socket: Awaited<ReturnType<typeof connectReady>>) =>
  (await ok(socket, 'library:list', { limit: 100 })).entries;

describe('the starting content', () => {
  it('is published on first start, once each, with no author, and members find it', async () => {
    const s = await connectReady(server, member.cookie);
    const entries = await listAll(s);
    expect(entries.map((e) => e.title).sort()).toEqual(shipped.map((e) => e.content.title).sort());
    for (const e of entries) expect(e).toMatchObject({ status: 'published', revision: 1 });
    const one = shipped.find((e) => e.seedKey === 'annual-clock')!;
    const id = entries.find((e) => e.title === one.content.title)!.id;
    const { entry } = await ok(s, 'library:get', { id });
    expect(entry).toMatchObject({ ...one.content, author: null, startingContent: true });
    // Searchable by an inflected Finnish word of its body, like every entry.
    const found = await ok(s, 'library:list', { q: 'vuosikellon' });
    expect(found.entries.map((e) => e.id)).toContain(id);
    expect([...(await countsBySeedKey()).values()].every((n) => n === 1)).toBe(true);
    expect(await SeedLoadModel.countDocuments({ entryId: { $ne: null } })).toBe(shipped.length);
    s.disconnect();
  });

  /** Later starts: the same process again, and one long after (past any stale-claim window). */
  const restartTwice = async () => {
    expect(await loadStartingContent()).toEqual([]);
    const later = new Date(Date.now() + 2 * STALE_CLAIM_MS);
    expect(await loadStartingContent(shipped, later)).toEqual([]);
  };

  it('keeps a member’s edit on every later start', async () => {
    const s = await connectReady(server, member.cookie);
    const seed = shipped[0]!;
    const id = (await listAll(s)).find((e) => e.title === seed.content.title)!.id;
    const title = `${seed.content.title} (päivitetty)`;
    await ok(s, 'library:save', { id, baseRevision: 1, content: { ...seed.content, title } });

    await restartTwice();

    const { entry } = await ok(s, 'library:get', { id });
    expect(entry).toMatchObject({ title, revision: 2 });
    expect(await LibraryEntryModel.countDocuments({ seedKey: seed.seedKey })).toBe(1);
    s.disconnect();
  });

  it('never brings back an entry an admin deleted', async () => {
    const s = await connectReady(server, member.cookie);
    const a = await connectReady(server, admin.cookie);
    const seed = shipped[1]!;
    const id = (await listAll(s)).find((e) => e.title === seed.content.title)!.id;
    await ok(a, 'library:delete', { id });

    await restartTwice();

    const titles = (await listAll(s)).map((e) => e.title);
    expect(titles).not.toContain(seed.content.title);
    expect(titles).toHaveLength(shipped.length - 1);
    expect(await LibraryEntryModel.countDocuments({ seedKey: seed.seedKey })).toBe(0);
    s.disconnect();
    a.disconnect();
  });
});

describe('loading under concurrency and after a crash', () => {
  const reset = async () => {
    await LibraryEntryModel.deleteMany({});
    await LibraryRevisionModel.deleteMany({});
    await LibraryTermsModel.deleteMany({});
    await SeedLoadModel.deleteMany({});
  };

  it('creates each entry exactly once when several processes start at the same moment', async () => {
    await reset();
    const results = await Promise.all(Array.from({ length: 4 }, () => loadStartingContent()));
    expect(results.flat().sort()).toEqual(shipped.map((e) => e.seedKey).sort());
    const counts = await countsBySeedKey();
    expect(counts.size).toBe(shipped.length);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    expect(await LibraryRevisionModel.countDocuments({})).toBe(shipped.length);
  });

  it('retries a key whose claimer died before creating it, but not a fresh claim', async () => {
    await reset();
    const [stale, fresh, half] = shipped;
    const now = new Date();
    const old = new Date(now.getTime() - STALE_CLAIM_MS - 1000);
    await SeedLoadModel.create([
      { seedKey: stale!.seedKey, claimedAt: old },
      { seedKey: fresh!.seedKey, claimedAt: now },
      { seedKey: half!.seedKey, claimedAt: old },
    ]);
    // This claimer got as far as the entry before it died: recorded, not created twice.
    const made = await LibraryEntryModel.create({
      ...half!.content,
      seedKey: half!.seedKey,
      status: 'published',
      revision: 1,
      createdAt: old,
      updatedAt: old,
    });

    const created = await loadStartingContent(shipped, now);
    expect(created).toContain(stale!.seedKey);
    expect(created).not.toContain(fresh!.seedKey);
    expect(created).not.toContain(half!.seedKey);
    expect(created).toHaveLength(shipped.length - 2);
    expect(await LibraryEntryModel.countDocuments({ seedKey: fresh!.seedKey })).toBe(0);
    expect(await LibraryEntryModel.countDocuments({ seedKey: half!.seedKey })).toBe(1);
    expect((await SeedLoadModel.findOne({ seedKey: half!.seedKey }).lean())?.entryId).toEqual(
      made._id,
    );
  });
});
