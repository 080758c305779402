import { draftContent, type LibraryContentInput } from '@yhteistyotila/protocol';
import mongoose from 'mongoose';
import { describe, expect, it } from 'vitest';
import { personalDataSources } from '../access/personal-data.js';
import { createUser } from '../../test/factories.js';
import { useTestServer } from '../../test/harness.js';
import { call, connectReady, errorCode, ok } from '../../test/sockets.js';
import { LibraryTermsModel } from './library-terms.model.js';

const server = useTestServer();

const content = (body: string): LibraryContentInput =>
  draftContent({ title: 'Erinin käytäntö', body, language: 'fi', level: 'national' });

async function erase(userId: string, mode: 'erase' | 'keep-as-deleted-user') {
  for (const source of [...personalDataSources()].reverse())
    await source.erase(userId, { mode, pseudonym: 'erased-test' });
}

async function tracesOf(userId: string) {
  const db = mongoose.connection.db!;
  const found: string[] = [];
  for (const c of await db.listCollections().toArray())
    for (const doc of await db.collection(c.name).find({}).toArray())
      if (JSON.stringify(doc).includes(userId)) found.push(c.name);
  return [...new Set(found)];
}

/** Erin starts a published entry and a draft, and edits Olli's entry. */
async function leaveTraces() {
  const erin = await createUser(server.application, { name: 'Erin Library' });
  const olli = await createUser(server.application, { name: 'Olli Library' });
  const [e, o] = await Promise.all([
    connectReady(server, erin.cookie),
    connectReady(server, olli.cookie),
  ]);
  const { entry: mine } = await ok(e, 'library:create', { content: content('Erinin teksti') });
  await ok(e, 'library:publish', { id: mine.id });
  const { entry: draft } = await ok(e, 'library:create', {
    content: content('Erinin luonnos salasanalla'),
  });
  const { entry: ollis } = await ok(o, 'library:create', { content: content('Ollin teksti') });
  await ok(o, 'library:publish', { id: ollis.id });
  await ok(e, 'library:save', {
    id: ollis.id,
    baseRevision: 1,
    content: content('Ollin teksti, Erinin lisäys'),
  });
  return { erin, o, mine: mine.id, draft: draft.id, ollis: ollis.id };
}

describe('personal data of the library', () => {
  it('exports the entries the person started and every revision they saved', async () => {
    const { erin, mine, draft, ollis } = await leaveTraces();
    const sections = Object.fromEntries(
      await Promise.all(
        personalDataSources().map(async (s) => [s.collection, await s.export(erin.id)] as const),
      ),
    );
    expect(sections.library_entries!.map((d) => d._id).sort()).toEqual([mine, draft].sort());
    const revisions = sections.library_revisions!.map((r) => [r.entryId, r.number, r.body]);
    expect(revisions).toContainEqual([ollis, 2, 'Ollin teksti, Erinin lisäys']);
    expect(revisions).toContainEqual([draft, 1, 'Erinin luonnos salasanalla']);
  });

  it.each(['erase', 'keep-as-deleted-user'] as const)(
    '%s: drafts go, published text stays without the person, no trace left',
    async (mode) => {
      const { erin, o, mine, draft, ollis } = await leaveTraces();
      await erase(erin.id, mode);
      expect(await tracesOf(erin.id)).toEqual([]);
      expect(errorCode(await call(o, 'library:get', { id: draft }))).toBe('NOT_FOUND');
      expect(await LibraryTermsModel.countDocuments({ entryId: draft })).toBe(0);
      const kept = (await ok(o, 'library:get', { id: mine })).entry;
      expect(kept).toMatchObject({ author: null, editor: null, body: 'Erinin teksti' });
      const edited = (await ok(o, 'library:get', { id: ollis })).entry;
      expect(edited).toMatchObject({ contributors: [], editor: null, revision: 2 });
      const { revisions } = await ok(o, 'library:revisions', { id: ollis });
      expect(revisions.map((r) => r.editor?.name ?? null)).toEqual([null, 'Olli Library']);
    },
  );
});
