import type { LibraryContent, LibraryEntry } from '@yhteistyotila/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UserModel } from '../../auth/user.model.js';
import { api } from '../../test/access-helpers.js';
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

/*
 * "We tried this too" and the "needs updating" flag on a real server and database: the count and
 * the municipalities, once per person, taken back; guest experts cannot; the flag with its
 * reason, cleared by experts and staff only.
 */

let server: TestServer;
let author: TestUser, helsinki: TestUser, espoo: TestUser, tampere: TestUser;
let expert: TestUser, moderator: TestUser, guest: TestUser;
let a: TestSocket, h: TestSocket, e: TestSocket, t: TestSocket;

const content = (title: string): LibraryContent => ({
  title,
  summary: 'Vanhempainilta, johon terveydenhoitaja tulee kertomaan neuvolan palveluista.',
  body: 'Terveydenhoitaja vierailee vanhempainillassa kerran syksyllä.',
  language: 'fi',
  themes: ['wellbeing'],
  steps: [3],
  cooperationModel: 'light',
  qualityAreas: ['active-operations'],
  level: 'regional',
  municipalityCode: null,
  countyCode: 'SA',
  sources: [],
});

async function published(title: string): Promise<LibraryEntry> {
  const { entry } = await ok(a, 'library:create', { content: content(title) });
  return (await ok(a, 'library:publish', { id: entry.id })).entry;
}

beforeAll(async () => {
  server = await startTestServer();
  [author, helsinki, espoo, tampere, expert, moderator] = await createUsers(server, [
    { name: 'Aino Kirjoittaja' },
    { name: 'Hanna Helsinki' },
    { name: 'Eetu Espoo' },
    { name: 'Tiina Tampere' },
    { name: 'Elina Asiantuntija', expert: true },
    { name: 'Mona Moderaattori', role: 'moderator' },
  ]);
  guest = await createUser(server.application, { role: 'guest', name: 'Vieras Asiantuntija' });
  await UserModel.updateOne({ _id: espoo.id }, { $set: { municipalityCode: '049' } });
  await UserModel.updateOne({ _id: tampere.id }, { $set: { municipalityCode: '837' } });
  [a, h, e, t] = await connectAllReady(server, [author, helsinki, espoo, tampere] as const);
});
afterAll(() => server.close());

describe('"we tried this too"', () => {
  it('counts people once each and lists their municipalities, live to whoever has the entry open', async () => {
    const entry = await published('Terveydenhoitaja vanhempainillassa');
    await ok(a, 'library:watch', { id: entry.id, editing: false });
    const heard = collect(a, 'library:entryUpdated');

    const first = await ok(h, 'library:validate', { id: entry.id });
    expect(first.entry).toMatchObject({ validationCount: 1, validatedByMe: true });
    await ok(e, 'library:validate', { id: entry.id });
    // Tried somewhere else than at home: the municipality named wins.
    await ok(t, 'library:validate', { id: entry.id, municipalityCode: '049' });
    // Said twice is said once.
    const again = await ok(h, 'library:validate', { id: entry.id });
    expect(again.entry.validationCount).toBe(3);

    await expect.poll(() => heard.at(-1)?.validationCount).toBe(3);
    const { validations, municipalities } = await ok(a, 'library:validations', { id: entry.id });
    expect(validations.map((v) => v.person?.name).sort()).toEqual([
      'Eetu Espoo',
      'Hanna Helsinki',
      'Tiina Tampere',
    ]);
    expect(municipalities).toEqual([
      { code: '049', count: 2 },
      { code: '091', count: 1 },
    ]);
    // The author's own view: they did not validate.
    expect((await ok(a, 'library:get', { id: entry.id })).entry).toMatchObject({
      validationCount: 3,
      validatedByMe: false,
    });
    expect(server.contractViolations).toEqual([]);
  });

  it('takes a validation back, and counts racing validations right', async () => {
    const entry = await published('Perhekahvila kirjastossa');
    const people = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        createUser(server.application, { name: `Kokeilija ${i}` }),
      ),
    );
    const sockets = await Promise.all(people.map((p) => connectReady(server, p.cookie)));
    await Promise.all(sockets.map((s) => ok(s, 'library:validate', { id: entry.id })));
    await expect
      .poll(async () => (await LibraryEntryModel.findById(entry.id).lean())?.validationCount)
      .toBe(8);
    const { entry: undone } = await ok(sockets[0]!, 'library:unvalidate', { id: entry.id });
    expect(undone).toMatchObject({ validationCount: 7, validatedByMe: false });
    // Taking back what was never said changes nothing.
    expect((await ok(h, 'library:unvalidate', { id: entry.id })).entry.validationCount).toBe(7);
    const { validations } = await ok(h, 'library:validations', { id: entry.id });
    expect(validations).toHaveLength(7);
  });

  it('is refused to guest experts and for drafts', async () => {
    const entry = await published('Vanhempainfoorumi');
    const g = await connectReady(server, guest.cookie);
    expect(errorCode(await call(g, 'library:validate', { id: entry.id }))).toBe('FORBIDDEN');
    const { entry: draft } = await ok(h, 'library:create', { content: content('Oma luonnos') });
    expect(errorCode(await call(h, 'library:validate', { id: draft.id }))).toBe('FORBIDDEN');
    // Someone else's draft is not there at all.
    expect(errorCode(await call(e, 'library:validate', { id: draft.id }))).toBe('NOT_FOUND');
  });
  it('goes with an erased account, and the count with it', async () => {
    const entry = await published('Yhteinen koulutus');
    const leaver = await createUser(server.application, {
      name: 'Lauri Lähtijä',
      password: 'salasana-joka-on-pitka-2',
    });
    const l = await connectReady(server, leaver.cookie);
    await ok(l, 'library:validate', { id: entry.id });
    await ok(h, 'library:validate', { id: entry.id });
    const res = await api(server, 'POST', '/me/delete', {
      cookie: leaver.cookie,
      body: { password: 'salasana-joka-on-pitka-2', mode: 'keep-as-deleted-user' },
    });
    expect(res.status).toBeLessThan(300);
    await expect
      .poll(async () => (await ok(a, 'library:get', { id: entry.id })).entry.validationCount)
      .toBe(1);
    const { validations } = await ok(a, 'library:validations', { id: entry.id });
    expect(validations.map((v) => v.person?.name)).toEqual(['Hanna Helsinki']);
  });
});

describe('the "needs updating" flag', () => {
  it('is raised with a reason by a member, kept until cleared, and cleared by experts and staff only', async () => {
    const entry = await published('Vuosikello');
    const { entry: flagged } = await ok(h, 'library:flag', {
      id: entry.id,
      reason: 'Hyvinvointialueen yhteystiedot ovat muuttuneet.',
    });
    expect(flagged.needsUpdating).toMatchObject({
      reason: 'Hyvinvointialueen yhteystiedot ovat muuttuneet.',
      by: { id: helsinki.id },
    });
    // A second flag does not overwrite the first reason.
    const { entry: second } = await ok(e, 'library:flag', { id: entry.id, reason: 'Toinen syy' });
    expect(second.needsUpdating?.reason).toBe('Hyvinvointialueen yhteystiedot ovat muuttuneet.');

    const watcher = await connectReady(server, author.cookie);
    await ok(watcher, 'library:watch', { id: entry.id, editing: false });
    const heard = collect(watcher, 'library:entryUpdated');
    expect(errorCode(await call(e, 'library:clearFlag', { id: entry.id }))).toBe('FORBIDDEN');
    await barrier(server, watcher);
    expect(heard).toEqual([]);

    const ex = await connectReady(server, expert.cookie);
    expect((await ok(ex, 'library:clearFlag', { id: entry.id })).entry.needsUpdating).toBeNull();
    await expect.poll(() => heard.length).toBe(1);
    expect(heard[0]?.needsUpdating).toBeNull();

    await ok(t, 'library:flag', { id: entry.id, reason: 'Linkki ei toimi.' });
    const m = await connectReady(server, moderator.cookie);
    expect((await ok(m, 'library:clearFlag', { id: entry.id })).entry.needsUpdating).toBeNull();
  });

  it('refuses an empty reason and a guest expert', async () => {
    const entry = await published('Tyhjä syy');
    const empty = await call(h, 'library:flag', { id: entry.id, reason: '   ' });
    expect(errorCode(empty)).toBe('VALIDATION_ERROR');
    const g = await connectReady(server, guest.cookie);
    expect(errorCode(await call(g, 'library:flag', { id: entry.id, reason: 'Vanha' }))).toBe(
      'FORBIDDEN',
    );
  });
});
