import {
  libraryConflictSchema,
  libraryEntrySchema,
  libraryListResultSchema,
  reportSchema,
  type LibraryContentInput,
} from '@yhteistyotila/protocol';
import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestUser } from '../../test/factories.js';
import {
  barrier,
  collect,
  startTestServer,
  type TestServer,
  type TestSocket,
} from '../../test/harness.js';
import { call, connectAllReady, createUsers, errorCode, ok } from '../../test/sockets.js';
import { createLogger } from '../../log.js';
import { currentTermsVersion } from '../search/index.js';
import { reindexLibraryIfNeeded } from './library.reindex.js';
import { touchCatalogue } from './library-catalogue.model.js';
import { LibraryEntryModel } from './library-entry.model.js';
import { LibraryRevisionModel } from './library-revision.model.js';
import { LibraryTermsModel } from './library-terms.model.js';

let server: TestServer;
let anna: TestUser, bertta: TestUser, cecilia: TestUser, guest: TestUser, mod: TestUser;
let as: TestSocket, bs: TestSocket, cs: TestSocket, gs: TestSocket, ms: TestSocket;

beforeAll(async () => {
  server = await startTestServer();
  [anna, bertta, cecilia, guest, mod] = await createUsers(server, [
    { name: 'Anna Aaltonen' },
    { name: 'Bertta Berg' },
    { name: 'Cecilia Carlsson' },
    { role: 'guest', name: 'Gustav Guest' },
    { role: 'moderator', name: 'Mona Moderator' },
  ]);
  [as, bs, cs, gs, ms] = await connectAllReady(server, [
    anna,
    bertta,
    cecilia,
    guest,
    mod,
  ] as const);
});
afterAll(async () => {
  // Every ack and broadcast of the file matched its protocol schema.
  expect(server.contractViolations).toEqual([]);
  await server.close();
});

const content = (over: Partial<LibraryContentInput> = {}): LibraryContentInput => ({
  title: 'Vuosikello yhteistyöhön',
  summary: 'Kokousten rytmi koko lukuvuodeksi.',
  body: 'Sovimme kunnan kanssa neljä tapaamista vuodessa.',
  language: 'fi',
  themes: ['municipal-cooperation'],
  steps: [3],
  cooperationModel: 'network',
  qualityAreas: ['impact'],
  level: 'municipal',
  municipalityCode: '405',
  countyCode: null,
  sources: [{ title: 'Toimintamalli', url: 'https://example.org/malli' }],
  ...over,
});

/** A published entry by `socket`'s person. */
async function published(socket: TestSocket, over: Partial<LibraryContentInput> = {}) {
  const { entry } = await ok(socket, 'library:create', { content: content(over) });
  return (await ok(socket, 'library:publish', { id: entry.id })).entry;
}

const bodyText = (parts: { kind: string; text: string }[], kind: string) =>
  parts
    .filter((p) => p.kind === kind)
    .map((p) => p.text.trim())
    .join(' ');

describe('writing and the life cycle', () => {
  it('a draft is its author’s until published; then every member reads and edits it', async () => {
    const { entry: draft } = await ok(as, 'library:create', { content: content() });
    expect(libraryEntrySchema.parse(draft)).toMatchObject({
      status: 'draft',
      revision: 1,
      author: { id: anna.id },
    });
    // Another member neither reads nor finds the draft; the moderator reads it.
    expect(errorCode(await call(bs, 'library:get', { id: draft.id }))).toBe('NOT_FOUND');
    expect((await ok(ms, 'library:get', { id: draft.id })).entry.id).toBe(draft.id);
    // Nobody but the author publishes or saves it.
    expect(errorCode(await call(bs, 'library:publish', { id: draft.id }))).toBe('NOT_FOUND');
    expect(errorCode(await call(ms, 'library:publish', { id: draft.id }))).toBe('FORBIDDEN');

    const { entry } = await ok(as, 'library:publish', { id: draft.id });
    expect(entry.status).toBe('published');
    expect(entry.publishedAt).not.toBeNull();
    const saved = await ok(bs, 'library:save', {
      id: entry.id,
      baseRevision: 1,
      content: content({ body: 'Sovimme kunnan kanssa kuusi tapaamista vuodessa.' }),
    });
    expect(saved.entry).toMatchObject({
      revision: 2,
      editor: { id: bertta.id },
      contributors: [{ id: bertta.id }],
      author: { id: anna.id },
    });
    // The reader of the entry sees the new text.
    const read = await ok(cs, 'library:get', { id: entry.id });
    expect(read.entry.body).toBe('Sovimme kunnan kanssa kuusi tapaamista vuodessa.');
  });

  it('two editors racing on one revision: one saves, the other is refused with the difference', async () => {
    const entry = await published(as, { body: 'Kutsumme vanhemmat puhelimella iltaan.' });
    const mine = content({ body: 'Kutsumme vanhemmat puhelimella ja kirjeellä iltaan.' });
    const theirs = content({ body: 'Kutsumme kaikki vanhemmat puhelimella iltaan.' });
    const [first, second] = await Promise.all([
      call(bs, 'library:save', { id: entry.id, baseRevision: 1, content: mine }),
      call(cs, 'library:save', { id: entry.id, baseRevision: 1, content: theirs }),
    ]);
    const outcomes = [first, second].map(errorCode).sort();
    expect(outcomes).toEqual(['LIBRARY_CONFLICT', 'OK']);
    const winner = first.ok ? first : second.ok ? second : null;
    const loser = first.ok ? second : first;
    if (!winner || loser.ok) throw new Error('expected one winner');
    const winnerBody = winner.data.entry.body;
    const loserBody = winnerBody === mine.body ? theirs.body : mine.body;

    // The refusal carries the revision that won and how the refused text differs from it.
    const conflict = libraryConflictSchema.parse(loser.error.conflict);
    expect(conflict).toMatchObject({ entryId: entry.id, baseRevision: 1 });
    expect(conflict.theirs.number).toBe(2);
    expect(conflict.theirs.content.body).toBe(winnerBody);
    const rebuilt = conflict.yourChanges.body
      .filter((p) => p.kind !== 'removed')
      .map((p) => p.text)
      .join('');
    expect(rebuilt).toBe(loserBody);
    expect(conflict.theirChanges.body.some((p) => p.kind === 'added')).toBe(true);

    // One revision 2, and the history keeps both revisions the winner's save left.
    expect(await LibraryRevisionModel.countDocuments({ entryId: entry.id })).toBe(2);
    const { revisions } = await ok(as, 'library:revisions', { id: entry.id });
    expect(revisions.map((r) => r.number)).toEqual([2, 1]);

    // The loser merges on the winner's revision and saves: nothing is lost.
    const merged = content({ body: 'Kutsumme kaikki vanhemmat puhelimella ja kirjeellä iltaan.' });
    const again = await ok(loser === first ? bs : cs, 'library:save', {
      id: entry.id,
      baseRevision: conflict.theirs.number,
      content: merged,
    });
    expect(again.entry).toMatchObject({ revision: 3, body: merged.body });
  });

  it('many editors at once on one base: exactly one revision wins', async () => {
    const entry = await published(as);
    const editors = [as, bs, cs, ms];
    const results = await Promise.all(
      editors.map((s, i) =>
        call(s, 'library:save', {
          id: entry.id,
          baseRevision: 1,
          content: content({ title: `Versio ${i}` }),
        }),
      ),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => errorCode(r) === 'LIBRARY_CONFLICT')).toHaveLength(
      editors.length - 1,
    );
    expect(await LibraryRevisionModel.countDocuments({ entryId: entry.id })).toBe(2);
  });

  it('restoring an old revision is a new revision; any two revisions diff word by word', async () => {
    const entry = await published(as, { body: 'Perhekahvila kokoontuu tiistaisin koululla.' });
    await ok(bs, 'library:save', {
      id: entry.id,
      baseRevision: 1,
      content: content({ body: 'Perhekahvila kokoontuu torstaisin kirjastossa.' }),
    });
    const { diff } = await ok(cs, 'library:diff', { id: entry.id, from: 1, to: 2 });
    expect(bodyText(diff.body, 'removed')).toBe('tiistaisin koululla');
    expect(bodyText(diff.body, 'added')).toBe('torstaisin kirjastossa');
    expect(bodyText(diff.body, 'same')).toBe('Perhekahvila kokoontuu .');
    expect(diff.metadataChanged).toEqual([]);

    const watcher = collect(as, 'library:entryUpdated');
    const restored = await ok(cs, 'library:restore', { id: entry.id, number: 1, baseRevision: 2 });
    expect(restored.entry).toMatchObject({
      revision: 3,
      body: 'Perhekahvila kokoontuu tiistaisin koululla.',
    });
    const { revisions } = await ok(as, 'library:revisions', { id: entry.id });
    expect(revisions[0]).toMatchObject({ number: 3, restoredFrom: 1, editor: { id: cecilia.id } });
    const { revision } = await ok(as, 'library:revision', { id: entry.id, number: 2 });
    expect(revision.content.body).toBe('Perhekahvila kokoontuu torstaisin kirjastossa.');
    // A restore on a base that is no longer current conflicts like any save.
    expect(
      errorCode(await call(bs, 'library:restore', { id: entry.id, number: 2, baseRevision: 2 })),
    ).toBe('LIBRARY_CONFLICT');
    // Nobody watched the entry (library:watch): nothing was pushed to the author.
    await barrier(server, as);
    expect(watcher).toEqual([]);
  });
});

describe('who may write and delete', () => {
  it('a guest expert reads and finds published entries but cannot write', async () => {
    const entry = await published(as, { title: 'Vieraan luettavaksi' });
    expect((await ok(gs, 'library:get', { id: entry.id })).entry.title).toBe('Vieraan luettavaksi');
    const found = await ok(gs, 'library:list', { q: 'luettavaksi' });
    expect(found.entries.map((e) => e.id)).toContain(entry.id);
    expect(errorCode(await call(gs, 'library:create', { content: content() }))).toBe('FORBIDDEN');
    expect(
      errorCode(
        await call(gs, 'library:save', { id: entry.id, baseRevision: 1, content: content() }),
      ),
    ).toBe('FORBIDDEN');
    expect(
      errorCode(await call(gs, 'library:restore', { id: entry.id, number: 1, baseRevision: 1 })),
    ).toBe('FORBIDDEN');
    expect((await ok(gs, 'library:get', { id: entry.id })).entry.revision).toBe(1);
  });

  it('members delete only their own drafts; moderators delete any entry', async () => {
    const entry = await published(as);
    const { entry: draft } = await ok(bs, 'library:create', { content: content() });
    expect(errorCode(await call(bs, 'library:delete', { id: entry.id }))).toBe('FORBIDDEN');
    // Not even one's own entry once it is published: it is the community's now.
    expect(errorCode(await call(as, 'library:delete', { id: entry.id }))).toBe('FORBIDDEN');
    expect(errorCode(await call(as, 'library:delete', { id: draft.id }))).toBe('NOT_FOUND');
    await ok(bs, 'library:delete', { id: draft.id });
    expect(errorCode(await call(bs, 'library:get', { id: draft.id }))).toBe('NOT_FOUND');

    await ok(ms, 'library:delete', { id: entry.id });
    expect(errorCode(await call(as, 'library:get', { id: entry.id }))).toBe('NOT_FOUND');
    expect(await LibraryRevisionModel.countDocuments({ entryId: entry.id })).toBe(0);
  });

  it('a reported entry reaches the moderators with its title and summary', async () => {
    const entry = await published(as, { title: 'Ilmoitettava', summary: 'Mainos tähän' });
    const heard = collect(ms, 'report:created');
    await ok(bs, 'report:create', {
      target: { type: 'library-entry', entryId: entry.id },
      category: 'spam',
    });
    await barrier(server, ms);
    const report = reportSchema.parse(heard.find((r) => r.target.type === 'library-entry'));
    expect(report.target).toEqual({ type: 'library-entry', entryId: entry.id });
    expect(report.snapshot).toMatchObject({
      text: 'Ilmoitettava\n\nMainos tähän',
      person: { id: anna.id },
      place: null,
    });
    // Someone else's draft cannot be reported: it is not there for them.
    const { entry: draft } = await ok(as, 'library:create', { content: content() });
    expect(
      errorCode(
        await call(bs, 'report:create', {
          target: { type: 'library-entry', entryId: draft.id },
          category: 'spam',
        }),
      ),
    ).toBe('NOT_FOUND');
    // Removing it through the report deletes the entry.
    await ok(ms, 'report:claim', { id: report.id });
    await ok(ms, 'report:resolve', { id: report.id, outcome: 'removed', reason: 'Mainos' });
    expect(errorCode(await call(bs, 'library:get', { id: entry.id }))).toBe('NOT_FOUND');
  });
});

describe('finding', () => {
  it('finds an inflected Finnish word anywhere in a long body, drafts only for their author', async () => {
    // Over a thousand different words before the one searched for: the whole body is indexed.
    const filler = Array.from({ length: 1500 }, (_, i) => `sana${i}x`).join(' ');
    const entry = await published(as, {
      title: 'Pitkä kirjoitus',
      body: `${filler} Lopuksi kiitämme vanhempainyhdistyksen hallitusta.`,
    });
    const { entry: draft } = await ok(bs, 'library:create', {
      content: content({ body: 'Luonnoksessa puhutaan vanhempainyhdistykselle.' }),
    });
    const forOther = await ok(cs, 'library:list', { q: 'vanhempainyhdistys' });
    expect(forOther.entries.map((e) => e.id)).toContain(entry.id);
    expect(forOther.entries.map((e) => e.id)).not.toContain(draft.id);
    const hit = forOther.entries.find((e) => e.id === entry.id)!;
    expect(hit.snippet).toContain('vanhempainyhdistyksen');
    // The draft's author finds it among their drafts; the published list does not show it.
    const own = await ok(bs, 'library:list', { q: 'vanhempainyhdistys', scope: 'my-drafts' });
    expect(own.entries.map((e) => e.id)).toEqual([draft.id]);
    const others = await ok(cs, 'library:list', { q: 'vanhempainyhdistys', scope: 'my-drafts' });
    expect(others.entries).toEqual([]);
  });

  it('facets count only what the reader may see and narrow across facets', async () => {
    const tag = 'kiikkulauta';
    const e1 = await published(as, {
      body: `${tag} yksi`,
      themes: ['school', 'communication'],
      steps: [1],
      language: 'fi',
      municipalityCode: '405',
    });
    const e2 = await published(bs, {
      body: `${tag} kaksi`,
      themes: ['school'],
      steps: [2],
      language: 'sv',
      municipalityCode: null,
      countyCode: 'HKI',
    });
    // A draft with the same word: never counted for anyone but its author.
    await ok(cs, 'library:create', {
      content: content({ body: `${tag} luonnos`, themes: ['wellbeing'] }),
    });

    const all = libraryListResultSchema.parse(await ok(as, 'library:list', { q: tag }));
    expect(all.total).toBe(2);
    expect(all.facets.themes).toEqual([
      { value: 'school', count: 2 },
      { value: 'communication', count: 1 },
    ]);
    expect(all.facets.languages).toEqual([
      { value: 'fi', count: 1 },
      { value: 'sv', count: 1 },
    ]);
    // 405 Lappeenranta is in South Karelia's county; e2 names Helsinki's directly.
    expect(all.facets.counties.map((c) => c.value).sort()).toEqual(['EK', 'HKI']);

    const swedish = await ok(as, 'library:list', { q: tag, filters: { languages: ['sv'] } });
    expect(swedish.entries.map((e) => e.id)).toEqual([e2.id]);
    // The language facet still shows the alternative; the others count within Swedish.
    expect(swedish.facets.languages).toHaveLength(2);
    expect(swedish.facets.steps).toEqual([{ value: 2, count: 1 }]);

    const step1 = await ok(as, 'library:list', { q: tag, filters: { steps: [1, 4] } });
    expect(step1.entries.map((e) => e.id)).toEqual([e1.id]);

    // Sort by most validated, then newest: with no validations, the newest first.
    const sorted = await ok(as, 'library:list', { q: tag, sort: 'most-validated' });
    expect(sorted.entries.map((e) => e.id)).toEqual([e2.id, e1.id]);
    const paged = await ok(as, 'library:list', { q: tag, sort: 'updated', limit: 1 });
    expect(paged).toMatchObject({ total: 2, nextOffset: 1 });
    expect(paged.entries.map((e) => e.id)).toEqual([e2.id]);
  });

  it('browses from a catalogue that any write renews, whichever process makes it', async () => {
    const tag = 'keinulauta';
    const entry = await published(as, { body: `${tag} yksin`, themes: ['wellbeing'] });
    const other = await published(as, { body: `${tag} kaksin` });
    const themes = async () =>
      (await ok(bs, 'library:list', { q: `${tag} yksin` })).facets.themes.map((f) => f.value);
    const mostValidated = async () =>
      (await ok(bs, 'library:list', { q: tag, sort: 'most-validated' })).entries.map((e) => e.id);
    expect(await themes()).toEqual(['wellbeing']);
    expect(await mostValidated()).toEqual([other.id, entry.id]);

    // A write that replaces no stamp is not seen: the facets come from this process's memory.
    const _id = new Types.ObjectId(entry.id);
    await LibraryEntryModel.collection.updateOne({ _id }, { $set: { themes: ['school'] } });
    expect(await themes()).toEqual(['wellbeing']);
    // Another process's write replaces the stamp after it (its model's hook): seen at once.
    await touchCatalogue();
    expect(await themes()).toEqual(['school']);

    // Writes through the services renew it too: a validation (a sort key), an edit (facets).
    await ok(cs, 'library:validate', { id: entry.id });
    expect(await mostValidated()).toEqual([entry.id, other.id]);
    await ok(bs, 'library:save', {
      id: entry.id,
      baseRevision: 1,
      content: content({ body: `${tag} yksin liukumäellä`, themes: ['family-centres'] }),
    });
    expect(await themes()).toEqual(['family-centres']);
    // Its new revision's words are found at once (the terms land after the entry's write).
    const slide = await ok(bs, 'library:list', { q: 'liukumäki' });
    expect(slide.entries.map((e) => e.id)).toEqual([entry.id]);
    await ok(ms, 'library:delete', { id: entry.id });
    expect(await mostValidated()).toEqual([other.id]);
  });

  it('terms built by another analyzer are rebuilt at start, and the entry is found again', async () => {
    const entry = await published(as, { body: 'Lapsivaikutusten arviointi kunnassa.' });
    // As if Snowball had built them before Voikko was installed: wrong forms, old version.
    await LibraryTermsModel.updateMany(
      { entryId: entry.id },
      { $set: { terms: ['lapsivaikutust'], version: 'snowball-1' } },
    );
    expect(
      (await ok(bs, 'library:list', { q: 'arviointi' })).entries.map((e) => e.id),
    ).not.toContain(entry.id);
    expect(await reindexLibraryIfNeeded(createLogger('silent'))).toBeGreaterThanOrEqual(1);
    const chunks = await LibraryTermsModel.find({ entryId: entry.id }).lean();
    expect(chunks.map((c) => c.version)).toEqual(chunks.map(() => currentTermsVersion()));
    expect((await ok(bs, 'library:list', { q: 'arviointi' })).entries.map((e) => e.id)).toContain(
      entry.id,
    );
  });
});
