import { draftContent, type LibraryEntry, type Notification } from '@yhteistyotila/protocol';
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

/*
 * Issue 14, item 1: "changes to entries I follow" on a real server and database. Authors and
 * editors follow by themselves, readers by choice; a save or a publish by someone tells every
 * follower but its actor, once; whoever may not read the entry cannot follow it.
 */

let server: TestServer;
let author: TestUser, editor: TestUser, follower: TestUser, quitter: TestUser, late: TestUser;
let moderator: TestUser;
let a: TestSocket, ed: TestSocket, f: TestSocket, q: TestSocket, l: TestSocket, m: TestSocket;

const content = (title: string, body = 'Vanhempainilta koulun kanssa kerran kuussa.') =>
  draftContent({ title, body, language: 'fi', level: 'national' });

async function published(title: string): Promise<LibraryEntry> {
  const { entry } = await ok(a, 'library:create', { content: content(title) });
  return (await ok(a, 'library:publish', { id: entry.id })).entry;
}

const save = (s: TestSocket, entry: LibraryEntry, body: string) =>
  ok(s, 'library:save', {
    id: entry.id,
    baseRevision: entry.revision,
    content: content(entry.title, body),
  });

const follow = (s: TestSocket, entryId: string, on = true) =>
  ok(s, 'library:follow', { entryId, follow: on });

const changesOf = (heard: { notification: Notification }[], entryId: string) =>
  heard
    .map((h) => h.notification)
    .filter((n) => n.kind === 'library-entry-changed' && n.link === `/kirjasto/${entryId}`);

const listed = async (s: TestSocket, entryId: string) =>
  changesOf(
    (await ok(s, 'notification:list', {})).notifications.map((notification) => ({ notification })),
    entryId,
  );

beforeAll(async () => {
  server = await startTestServer();
  [author, editor, follower, quitter, late, moderator] = await createUsers(server, [
    { name: 'Aino Kirjoittaja' },
    { name: 'Eeva Muokkaaja' },
    { name: 'Fanni Seuraaja' },
    { name: 'Kalle Lopettaja' },
    { name: 'Liisa Myöhäinen' },
    { name: 'Mona Moderaattori', role: 'moderator' },
  ]);
  [a, ed, f, q, l, m] = await connectAllReady(server, [
    author,
    editor,
    follower,
    quitter,
    late,
    moderator,
  ] as const);
});
afterAll(() => server.close());

describe('following a library entry', () => {
  it('tells the followers of a change, once, and not its actor nor who stopped following', async () => {
    const entry = await published('Vanhempainillat');
    // The author follows by themselves; a reader by choice; one stops again.
    expect((await ok(a, 'library:get', { id: entry.id })).entry.followedByMe).toBe(true);
    expect((await follow(f, entry.id)).entry.followedByMe).toBe(true);
    await follow(q, entry.id);
    expect((await follow(q, entry.id, false)).entry.followedByMe).toBe(false);
    expect((await ok(ed, 'library:get', { id: entry.id })).entry.followedByMe).toBe(false);

    const heard = {
      author: collect(a, 'notification:created'),
      editor: collect(ed, 'notification:created'),
      follower: collect(f, 'notification:created'),
      quitter: collect(q, 'notification:created'),
    };
    const { entry: saved } = await save(ed, entry, 'Vanhempainilta koulun kanssa joka kuussa.');
    await barrier(server, a, ed, f, q);

    for (const who of [heard.author, heard.follower]) {
      const [told, ...more] = changesOf(who, entry.id);
      expect(more).toEqual([]);
      expect(told).toMatchObject({
        text: 'Vanhempainillat',
        actor: { id: editor.id, name: 'Eeva Muokkaaja' },
      });
    }
    expect(changesOf(heard.editor, entry.id)).toEqual([]);
    expect(changesOf(heard.quitter, entry.id)).toEqual([]);
    // The editor follows from now on.
    expect(saved.followedByMe).toBe(true);
    expect(await listed(f, entry.id)).toHaveLength(1);

    // The same version announced again (its editor says "we tried this too") is no news, also
    // to someone who started following after it was saved.
    await follow(l, entry.id);
    const lateHeard = collect(l, 'notification:created');
    await ok(ed, 'library:validate', { id: entry.id });
    await barrier(server, a, f, l);
    expect(changesOf(heard.follower, entry.id)).toHaveLength(1);
    expect(changesOf(heard.author, entry.id)).toHaveLength(1);
    expect(changesOf(lateHeard, entry.id)).toEqual([]);

    // The next version reaches the late follower, and the first editor.
    await save(a, saved, 'Vanhempainilta koulun kanssa joka toinen kuukausi.');
    await barrier(server, ed, l, a);
    expect(changesOf(lateHeard, entry.id)).toHaveLength(1);
    expect(changesOf(heard.editor, entry.id)).toHaveLength(1);
    expect(changesOf(heard.author, entry.id)).toHaveLength(1);
  });

  it('keeps a "stop following" over the person’s own next edit', async () => {
    const entry = await published('Koulun kahvihetki');
    await follow(a, entry.id, false);
    const { entry: saved } = await save(a, entry, 'Kahvihetki koulun aulassa.');
    expect(saved.followedByMe).toBe(false);
    const heard = collect(a, 'notification:created');
    await save(ed, saved, 'Kahvihetki koulun aulassa aamulla.');
    await barrier(server, a);
    expect(changesOf(heard, entry.id)).toEqual([]);
  });

  it('is for whoever may read the entry: not someone else’s draft, which staff may follow', async () => {
    const { entry: draft } = await ok(a, 'library:create', { content: content('Luonnos') });
    const refused = await call(f, 'library:follow', { entryId: draft.id, follow: true });
    expect(errorCode(refused)).toBe('NOT_FOUND');

    await follow(m, draft.id);
    const heard = collect(m, 'notification:created');
    const { entry: saved } = await save(a, draft, 'Luonnoksen toinen versio.');
    await barrier(server, m);
    expect(changesOf(heard, draft.id)).toHaveLength(1);
    // Publishing is a change too.
    await ok(a, 'library:publish', { id: saved.id });
    await barrier(server, m);
    expect(changesOf(heard, draft.id)).toHaveLength(2);
  });

  it('drops the notification once the entry is gone, with the follows', async () => {
    const entry = await published('Poistuva käytäntö');
    await follow(f, entry.id);
    await save(ed, entry, 'Poistuva käytäntö, muokattu.');
    expect(await listed(f, entry.id)).toHaveLength(1);
    await ok(m, 'library:delete', { id: entry.id });
    expect(await listed(f, entry.id)).toEqual([]);
    const gone = await call(f, 'library:follow', { entryId: entry.id, follow: true });
    expect(errorCode(gone)).toBe('NOT_FOUND');
  });
});
