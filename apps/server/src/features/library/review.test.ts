import {
  libraryEntrySchema,
  type LibraryContent,
  type LibraryEntry,
} from '@yhteistyotila/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, type TestUser } from '../../test/factories.js';
import {
  barrier,
  collect,
  startTestServer,
  type TestServer,
  type TestSocket,
} from '../../test/harness.js';
import {
  call,
  connectAllReady,
  connectReady,
  createUsers,
  errorCode,
  ok,
} from '../../test/sockets.js';
import { LibraryEntryModel } from './library-entry.model.js';
import { defaultDueAt } from './review.service.js';

/*
 * The expert review stamp, end to end on a real server and database: a minor edit keeps it, a
 * substantial one makes it "changed since review" with the diff one call away; only holders of
 * the expert capability stamp (members, staff without it and guest experts cannot); the experts'
 * "review due" list.
 */

let server: TestServer;
let author: TestUser, editor: TestUser, expert: TestUser, modExpert: TestUser;
let member: TestUser, moderator: TestUser, guest: TestUser;
let a: TestSocket, ed: TestSocket, ex: TestSocket;

const BODY = [
  '## Neljä tapaamista vuodessa',
  '',
  'Vanhempainyhdistys ja kunnan sivistystoimi sopivat vuosikellosta syksyn ensimmäisessä tapaamisessa.',
  'Kutsu virkamiehet mukaan alusta asti, niin sovitut asiat etenevät.',
].join('\n');

const content = (changes: Partial<LibraryContent> = {}): LibraryContent => ({
  title: 'Vuosikello yhteistyön runkona',
  summary: 'Näin kokoat vuoden tapaamiset kunnan kanssa yhteen kuvaan.',
  body: BODY,
  language: 'fi',
  themes: ['municipal-cooperation'],
  steps: [3],
  cooperationModel: 'network',
  qualityAreas: ['goals-and-planning'],
  level: 'municipal',
  municipalityCode: '091',
  countyCode: null,
  sources: [],
  ...changes,
});

/** A published entry by the fixture's author. */
async function published(changes: Partial<LibraryContent> = {}): Promise<LibraryEntry> {
  const { entry } = await ok(a, 'library:create', { content: content(changes) });
  return (await ok(a, 'library:publish', { id: entry.id })).entry;
}

const save = async (socket: TestSocket, entry: LibraryEntry, changes: Partial<LibraryContent>) =>
  (
    await ok(socket, 'library:save', {
      id: entry.id,
      baseRevision: entry.revision,
      content: content(changes),
    })
  ).entry;

beforeAll(async () => {
  server = await startTestServer();
  [author, editor, expert, modExpert, member, moderator] = await createUsers(server, [
    { name: 'Aino Kirjoittaja' },
    { name: 'Eero Muokkaaja' },
    { name: 'Elina Asiantuntija', expert: true },
    { name: 'Markus Moderaattori', role: 'moderator', expert: true },
    { name: 'Maija Jäsen' },
    { name: 'Mona Moderaattori', role: 'moderator' },
  ]);
  guest = await createUser(server.application, { role: 'guest', name: 'Vieras Asiantuntija' });
  [a, ed, ex] = await connectAllReady(server, [author, editor, expert] as const);
});
afterAll(() => server.close());

describe('the expert review stamp', () => {
  it('stamps a revision with the expert’s name and a due date 12 months ahead by default', async () => {
    const entry = await published();
    const heard = collect(a, 'library:entryUpdated');
    await ok(a, 'library:watch', { id: entry.id, editing: false });
    const before = Date.now();
    const { entry: stamped } = await ok(ex, 'library:review', {
      id: entry.id,
      revision: entry.revision,
    });
    expect(libraryEntrySchema.parse(stamped).review).toMatchObject({
      revision: 1,
      reviewer: { id: expert.id, name: 'Elina Asiantuntija' },
      changedSince: false,
    });
    const due = new Date(stamped.review!.dueAt).getTime();
    expect(due).toBeGreaterThanOrEqual(defaultDueAt(new Date(before)).getTime());
    expect(due).toBeLessThanOrEqual(defaultDueAt(new Date()).getTime());
    // Whoever has the entry open sees the stamp live.
    await expect.poll(() => heard.at(-1)?.review?.reviewer?.name).toBe('Elina Asiantuntija');
    // And every reader gets it with the entry.
    const { entry: read } = await ok(ed, 'library:get', { id: entry.id });
    expect(read.review?.revision).toBe(1);
    expect(server.contractViolations).toEqual([]);
  });

  it('keeps the stamp on a minor edit, and shows "changed since review" after a substantial one, with the diff', async () => {
    const entry = await published();
    await ok(ex, 'library:review', { id: entry.id, revision: entry.revision });

    // A typo: one word, no number, link or heading.
    const typo = await save(ed, entry, {
      body: BODY.replace('etenevät', 'etenevät varmasti'),
    });
    expect(typo.revision).toBe(2);
    expect(typo.review).toMatchObject({ revision: 1, changedSince: false });
    const { revisions } = await ok(ed, 'library:revisions', { id: entry.id });
    expect(revisions.find((r) => r.number === 2)?.minor).toBe(true);

    // A number changed: substantial, whatever its size.
    const changed = await save(ed, typo, {
      body: BODY.replace('etenevät', 'etenevät varmasti').replace(
        'Neljä tapaamista',
        '6 tapaamista',
      ),
    });
    expect(changed.review).toMatchObject({ revision: 1, changedSince: true });
    const { entry: read } = await ok(a, 'library:get', { id: entry.id });
    expect(read.review?.changedSince).toBe(true);

    // The difference from the reviewed revision is one call away.
    const { diff } = await ok(a, 'library:diff', { id: entry.id, from: 1, to: changed.revision });
    expect(diff.body.filter((p) => p.kind !== 'same').map((p) => p.text.trim())).toEqual(
      expect.arrayContaining(['6']),
    );

    // Stamping again (the current revision) clears it.
    const { entry: again } = await ok(ex, 'library:review', {
      id: entry.id,
      revision: changed.revision,
    });
    expect(again.review).toMatchObject({ revision: 3, changedSince: false });
  });

  it('marks a stamp of an older revision changed at once when a later revision was substantial', async () => {
    const entry = await published();
    const later = await save(ed, entry, { title: 'Aivan toinen otsikko vuosikellolle tähän' });
    const { entry: stamped } = await ok(ex, 'library:review', { id: entry.id, revision: 1 });
    expect(stamped.review).toMatchObject({ revision: 1, changedSince: true });
    expect(later.revision).toBe(2);
    // A revision that does not exist yet cannot be stamped.
    expect(errorCode(await call(ex, 'library:review', { id: entry.id, revision: 9 }))).toBe(
      'NOT_FOUND',
    );
  });

  it('lets only holders of the expert capability stamp or remove a stamp', async () => {
    const entry = await published();
    const sockets = await Promise.all(
      [member, moderator, guest, author].map((u) => connectReady(server, u.cookie)),
    );
    const watcher = await connectReady(server, editor.cookie);
    await ok(watcher, 'library:watch', { id: entry.id, editing: false });
    const heard = collect(watcher, 'library:entryUpdated');
    for (const s of sockets) {
      expect(errorCode(await call(s, 'library:review', { id: entry.id, revision: 1 }))).toBe(
        'FORBIDDEN',
      );
    }
    await barrier(server, watcher);
    expect(heard).toEqual([]);
    expect((await LibraryEntryModel.findById(entry.id).lean())?.review).toBeNull();

    // A moderator who holds the capability stamps as an expert.
    const me = await connectReady(server, modExpert.cookie);
    const { entry: stamped } = await ok(me, 'library:review', { id: entry.id, revision: 1 });
    expect(stamped.review?.reviewer?.id).toBe(modExpert.id);
    // Members cannot remove it either; an expert can.
    expect(errorCode(await call(sockets[0]!, 'library:unreview', { id: entry.id }))).toBe(
      'FORBIDDEN',
    );
    const { entry: removed } = await ok(ex, 'library:unreview', { id: entry.id });
    expect(removed.review).toBeNull();
  });

  it('refuses a due date in the past or years away, and stamps no draft', async () => {
    const entry = await published();
    const past = await call(ex, 'library:review', {
      id: entry.id,
      revision: 1,
      dueAt: new Date(Date.now() - 1000).toISOString(),
    });
    expect(past.ok ? null : past.error.issues).toEqual([{ path: 'dueAt', code: 'past' }]);
    const far = await call(ex, 'library:review', {
      id: entry.id,
      revision: 1,
      dueAt: new Date(Date.now() + 5 * 366 * 86_400_000).toISOString(),
    });
    expect(far.ok ? null : far.error.issues).toEqual([{ path: 'dueAt', code: 'too_far' }]);
    const chosen = new Date(Date.now() + 90 * 86_400_000).toISOString();
    const { entry: stamped } = await ok(ex, 'library:review', {
      id: entry.id,
      revision: 1,
      dueAt: chosen,
    });
    expect(stamped.review?.dueAt).toBe(chosen);

    const { entry: draft } = await ok(a, 'library:create', { content: content() });
    // Someone else's draft is not even there for the expert; the expert's own is not reviewable.
    expect(errorCode(await call(ex, 'library:review', { id: draft.id, revision: 1 }))).toBe(
      'NOT_FOUND',
    );
    const { entry: own } = await ok(ex, 'library:create', { content: content() });
    expect(errorCode(await call(ex, 'library:review', { id: own.id, revision: 1 }))).toBe(
      'FORBIDDEN',
    );
  });
});

describe('the experts’ "review due" list', () => {
  it('lists expired, soon due and changed stamps and never reviewed entries, to experts only', async () => {
    const [fresh, soon, expired, changed, never] = await Promise.all(
      ['Tuore', 'Pian', 'Vanhentunut', 'Muuttunut', 'Tarkastamaton'].map((t) =>
        published({ title: `Erääntyvä ${t}` }),
      ),
    );
    const inDays = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString();
    await ok(ex, 'library:review', { id: fresh!.id, revision: 1 });
    await ok(ex, 'library:review', { id: soon!.id, revision: 1, dueAt: inDays(10) });
    await ok(ex, 'library:review', { id: expired!.id, revision: 1, dueAt: inDays(1) });
    await LibraryEntryModel.updateOne(
      { _id: expired!.id },
      { $set: { 'review.dueAt': new Date(Date.now() - 86_400_000) } },
    );
    await ok(ex, 'library:review', { id: changed!.id, revision: 1 });
    await save(ed, changed!, { title: 'Erääntyvä Muuttunut kokonaan uudella tavalla nyt' });

    const { entries } = await ok(ex, 'library:reviewDue', {});
    const ids = entries.map((e) => e.id);
    expect(ids).not.toContain(fresh!.id);
    for (const e of [soon!, expired!, changed!, never!]) expect(ids).toContain(e.id);
    // Expired and changed first, then due soon, then never reviewed.
    const at = (id: string) => ids.indexOf(id);
    expect(at(expired!.id)).toBeLessThan(at(soon!.id));
    expect(at(changed!.id)).toBeLessThan(at(soon!.id));
    expect(at(soon!.id)).toBeLessThan(at(never!.id));

    const m = await connectReady(server, member.cookie);
    expect(errorCode(await call(m, 'library:reviewDue', {}))).toBe('FORBIDDEN');
  });
});
