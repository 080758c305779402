import type { LibraryContent, LibraryPresence } from '@yhteistyotila/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, type TestUser } from '../../test/factories.js';
import {
  barrier,
  collect,
  startTestServer,
  type TestServer,
  type TestSocket,
} from '../../test/harness.js';
import { call, connectReady, createUsers, errorCode, ok } from '../../test/sockets.js';

/*
 * Who has a library entry open and who is editing it, live, over real sockets (this file runs
 * over WebSocket and again over long-polling: vitest.config.ts, server-polling): joining,
 * changing to editing, leaving, and leaving by closing the tab; drafts stay private.
 */

let server: TestServer;
let author: TestUser, viewer: TestUser, outsider: TestUser, guest: TestUser;
let a: TestSocket;

const content: LibraryContent = {
  title: 'Erätauko-keskustelu virkamiesten kanssa',
  summary: 'Dialoginen menetelmä yhteisen tavoitteen löytämiseen.',
  body: 'Sovitaan keskustelun säännöt ja kuunnellaan kaikkia.',
  language: 'fi',
  themes: ['municipal-cooperation'],
  steps: [2],
  cooperationModel: 'network',
  qualityAreas: ['impact'],
  level: 'national',
  municipalityCode: null,
  countyCode: null,
  sources: [],
};

const people = (p: LibraryPresence | undefined) =>
  (p?.people ?? []).map((x) => `${x.person.name}${x.editing ? ' (editing)' : ''}`);

beforeAll(async () => {
  server = await startTestServer();
  [author, viewer, outsider] = await createUsers(server, [
    { name: 'Aino Kirjoittaja' },
    { name: 'Ville Katsoja' },
    { name: 'Olli Ulkopuolinen' },
  ]);
  guest = await createUser(server.application, { role: 'guest', name: 'Vieras Asiantuntija' });
  a = await connectReady(server, author.cookie);
});
afterAll(() => server.close());

async function publishedEntry() {
  const { entry } = await ok(a, 'library:create', { content });
  return (await ok(a, 'library:publish', { id: entry.id })).entry;
}

describe('live presence on an entry', () => {
  it('tells everyone there who joins, who edits and who leaves, also by closing the tab', async () => {
    const entry = await publishedEntry();
    const mine = collect(a, 'library:presence');
    const first = await ok(a, 'library:watch', { id: entry.id, editing: true });
    expect(people(first)).toEqual(['Aino Kirjoittaja (editing)']);

    const v = await connectReady(server, viewer.cookie);
    const seen = await ok(v, 'library:watch', { id: entry.id, editing: false });
    expect(people(seen)).toEqual(['Aino Kirjoittaja (editing)', 'Ville Katsoja']);
    await expect
      .poll(() => people(mine.at(-1)))
      .toEqual(['Aino Kirjoittaja (editing)', 'Ville Katsoja']);

    // The same person in a second tab is one person; editing in any tab is editing.
    const v2 = await connectReady(server, viewer.cookie);
    await ok(v2, 'library:watch', { id: entry.id, editing: true });
    await expect
      .poll(() => people(mine.at(-1)))
      .toEqual(['Aino Kirjoittaja (editing)', 'Ville Katsoja (editing)']);
    await ok(v2, 'library:unwatch', { id: entry.id });
    await expect
      .poll(() => people(mine.at(-1)))
      .toEqual(['Aino Kirjoittaja (editing)', 'Ville Katsoja']);

    // Closing the tab leaves.
    v.disconnect();
    await expect.poll(() => people(mine.at(-1))).toEqual(['Aino Kirjoittaja (editing)']);

    // Back to viewing, then away: the next one there sees only themself.
    await ok(a, 'library:watch', { id: entry.id, editing: false });
    await expect.poll(() => people(mine.at(-1))).toEqual(['Aino Kirjoittaja']);
    await ok(a, 'library:unwatch', { id: entry.id });
    const later = await connectReady(server, viewer.cookie);
    expect(people(await ok(later, 'library:watch', { id: entry.id, editing: false }))).toEqual([
      'Ville Katsoja',
    ]);
    expect(server.contractViolations).toEqual([]);
  });

  it('hears the entry’s changes while watching, and nothing after leaving', async () => {
    const entry = await publishedEntry();
    const v = await connectReady(server, viewer.cookie);
    await ok(v, 'library:watch', { id: entry.id, editing: false });
    const updates = collect(v, 'library:entryUpdated');
    await ok(a, 'library:save', {
      id: entry.id,
      baseRevision: entry.revision,
      content: { ...content, summary: 'Uusi tiivistelmä, jossa on enemmän kuin muutama sana nyt.' },
    });
    await expect.poll(() => updates.length).toBe(1);
    await ok(v, 'library:unwatch', { id: entry.id });
    await ok(a, 'library:save', {
      id: entry.id,
      baseRevision: entry.revision + 1,
      content,
    });
    await barrier(server, v);
    expect(updates).toHaveLength(1);
  });

  it('lets a guest expert view but not edit, and keeps a draft to its author', async () => {
    const entry = await publishedEntry();
    const g = await connectReady(server, guest.cookie);
    const seen = await ok(g, 'library:watch', { id: entry.id, editing: true });
    expect(people(seen)).toEqual(['Vieras Asiantuntija']);

    const { entry: draft } = await ok(a, 'library:create', { content });
    const o = await connectReady(server, outsider.cookie);
    const heard = collect(o, 'library:presence');
    expect(errorCode(await call(o, 'library:watch', { id: draft.id, editing: false }))).toBe(
      'NOT_FOUND',
    );
    await ok(a, 'library:watch', { id: draft.id, editing: true });
    await barrier(server, o);
    expect(heard).toEqual([]);
  });
});
