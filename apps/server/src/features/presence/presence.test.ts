import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, type TestUser } from '../../test/factories.js';
import {
  collect,
  collectPresence,
  presenceBarrier,
  startTestServer,
  type TestServer,
  type TestSocket,
} from '../../test/harness.js';
import { call, callRaw, errorCode, ok } from '../../test/sockets.js';

let server: TestServer;
let alice: TestUser, bob: TestUser, expert: TestUser, guestExpert: TestUser;
let b: TestSocket;

beforeAll(async () => {
  // Small, so that the storm test below needs only ten people; the other tests change at most
  // two people within one batch.
  server = await startTestServer({ PRESENCE_BATCH_MAX_LISTED: '4' });
  [alice, bob, expert, guestExpert] = await Promise.all([
    createUser(server.application, { name: 'Alice' }),
    createUser(server.application, { name: 'Bob' }),
    createUser(server.application, { expert: true, name: 'Eeva Expert' }),
    createUser(server.application, { role: 'guest', name: 'Vieras Asiantuntija' }),
  ]);
  b = await server.connect({ cookie: bob.cookie });
});
afterAll(() => server.close());

const statusOf = async (userId: string) =>
  (await ok(b, 'presence:query', { userIds: [userId] })).presences[0]!.status;

describe('presence across tabs', () => {
  it('is online while any tab is online, away when all are away, offline when all are gone', async () => {
    const seen = collectPresence(b);
    const forAlice = () => seen.all.filter((x) => x.userId === alice.id);
    const t1 = await server.connect({ cookie: alice.cookie });
    await expect
      .poll(() => forAlice().length === 1, { timeout: 3000, message: 'online' })
      .toBe(true);
    expect(forAlice()[0]).toMatchObject({ userId: alice.id, status: 'online', isExpert: false });
    const t2 = await server.connect({ cookie: alice.cookie });
    const away1 = await ok(t1, 'presence:set', { status: 'away' });
    expect(away1.presence.status).toBe('online'); // the other tab is still active
    await presenceBarrier(server, b);
    expect(forAlice()).toHaveLength(1);
    await ok(t2, 'presence:set', { status: 'away' });
    await expect.poll(() => forAlice().length === 2, { timeout: 3000, message: 'away' }).toBe(true);
    expect(forAlice()[1]!.status).toBe('away');
    expect(await statusOf(alice.id)).toBe('away');
    await ok(t1, 'presence:set', { status: 'online' });
    await expect
      .poll(() => forAlice().length === 3, { timeout: 3000, message: 'online again' })
      .toBe(true);
    t1.disconnect();
    await expect
      .poll(() => forAlice().length >= 4, { timeout: 3000, message: 't1 gone' })
      .toBe(true);
    await presenceBarrier(server, b);
    expect(forAlice()).toHaveLength(4); // t2 is away, t1 gone -> away
    expect(forAlice()[3]!.status).toBe('away');
    t2.disconnect();
    await expect
      .poll(() => forAlice().length === 5, { timeout: 3000, message: 'offline' })
      .toBe(true);
    expect(forAlice()[4]!.status).toBe('offline');
    const versions = forAlice().map((x) => x.version);
    expect(versions).toEqual([...versions].sort((x, y) => x - y));
    expect(await statusOf(alice.id)).toBe('offline');
  });

  it('lists experts and guest experts online now, with the badge flag on their events', async () => {
    const seen = collectPresence(b);
    expect((await ok(b, 'presence:experts', {})).experts).toEqual([]);
    const e = await server.connect({ cookie: expert.cookie });
    const g = await server.connect({ cookie: guestExpert.cookie });
    await expect
      .poll(() => seen.all.filter((x) => x.isExpert).length === 2, {
        timeout: 3000,
        message: 'expert online',
      })
      .toBe(true);
    await ok(g, 'presence:set', { status: 'away' });
    const { experts } = await ok(b, 'presence:experts', {});
    expect(experts.map((x) => [x.id, x.role, x.status]).sort()).toEqual(
      [
        [expert.id, 'member', 'online'],
        [guestExpert.id, 'guest', 'away'],
      ].sort(),
    );
    e.disconnect();
    g.disconnect();
    await expect
      .poll(async () => (await ok(b, 'presence:experts', {})).experts.length === 0, {
        timeout: 3000,
        message: 'experts gone',
      })
      .toBe(true);
  });

  it('refuses malformed payloads and anonymous sockets, with no broadcast', async () => {
    await presenceBarrier(server, b); // the last test's final batch
    const seen = collect(b, 'presence:changed');
    expect(errorCode(await callRaw(b, 'presence:set', { status: 'offline' }))).toBe(
      'VALIDATION_ERROR',
    );
    expect(errorCode(await callRaw(b, 'presence:query', { userIds: [] }))).toBe('VALIDATION_ERROR');
    expect(errorCode(await callRaw(b, 'presence:experts', { x: 1 }))).toBe('VALIDATION_ERROR');
    const anon = await server.connect();
    expect(errorCode(await call(anon, 'presence:set', { status: 'away' }))).toBe('UNAUTHENTICATED');
    expect(errorCode(await call(anon, 'presence:experts', {}))).toBe('UNAUTHENTICATED');
    await presenceBarrier(server, b);
    expect(seen).toHaveLength(0);
    expect(server.contractViolations).toEqual([]);
  });
});

describe('presence in a reconnect storm', () => {
  it('sends a big batch as the experts plus "more", and a tab that asks again gets everyone', async () => {
    const people = await Promise.all([
      ...Array.from({ length: 9 }, (_, i) =>
        createUser(server.application, { name: `Myrsky ${i}` }),
      ),
      createUser(server.application, { expert: true, name: 'Eija Expert' }),
    ]);
    const expertId = people[9]!.id;
    await presenceBarrier(server, b);
    const batches = collect(b, 'presence:changed');
    // Ten people at once, more than the four a batch may list (even if a slow machine spreads
    // them over two batches, one has more than four).
    const sockets = await Promise.all(people.map((p) => server.connect({ cookie: p.cookie })));
    await expect
      .poll(() => batches.some((x) => x.more), { timeout: 3000, message: 'a batch with "more"' })
      .toBe(true);
    const changed = () => batches.flatMap((x) => x.changes).map((c) => c.userId);
    // The experts panel still learns of the expert by name (maybe in a later batch).
    await expect
      .poll(() => changed().includes(expertId), { timeout: 3000, message: 'the expert by name' })
      .toBe(true);
    for (const batch of batches.filter((x) => x.more))
      expect(batch.changes.every((c) => c.isExpert)).toBe(true);
    // What a tab does on "more": ask again for the people it shows.
    const statuses = async () =>
      (await ok(b, 'presence:query', { userIds: people.map((p) => p.id) })).presences.map(
        (p) => p.status,
      );
    await expect.poll(statuses, { timeout: 3000 }).toEqual(Array(10).fill('online'));
    for (const s of sockets) s.disconnect();
  });
});
