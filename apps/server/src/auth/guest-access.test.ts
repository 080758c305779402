import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createUser, type TestUser } from '../test/factories.js';
import { api } from '../test/access-helpers.js';
import {
  barrier,
  collect,
  sleep,
  startTestServer,
  type TestServer,
  type TestSocket,
} from '../test/harness.js';
import { call, clientId, connectReady, errorCode, ok } from '../test/sockets.js';

/**
 * Issue 9, item 5: a guest expert's access ends at their end date itself, not at the next run
 * of the guest-expiry job (which never runs in these tests: jobs are not started under test).
 */

let server: TestServer;
let moderator: TestUser;
let modSocket: TestSocket;
let channelId: string;

beforeAll(async () => {
  server = await startTestServer();
  moderator = await createUser(server.application, {
    role: 'moderator',
    name: 'Maija Moderaattori',
  });
  modSocket = await connectReady(server, moderator.cookie);
  const { conversations } = await ok(modSocket, 'conversation:list', {});
  channelId = conversations.find((c) => c.name === 'yleinen')!.id;
});
afterAll(() => server.close());

/** A guest in the shared channel with one open socket, and a message with a word to search. */
async function guestInChannel(guestUntil: Date) {
  const guest = await createUser(server.application, { role: 'guest', guestUntil });
  await ok(modSocket, 'channel:invite', { conversationId: channelId, userIds: [guest.id] });
  const socket = await connectReady(server, guest.cookie);
  const live = collect(socket, 'message:created');
  const revoked = collect(socket, 'session:revoked');
  const word = `sana${Math.random().toString(36).slice(2, 8)}`;
  const { message } = await ok(modSocket, 'message:send', {
    conversationId: channelId,
    clientId: clientId(),
    text: `vieraalle ${word}`,
  });
  await expect
    .poll(() => live.some((m) => m.message.id === message.id), {
      timeout: 3000,
      message: 'live message',
    })
    .toBe(true);
  return { guest, socket, live, revoked, word };
}

const history = () => ({ conversationId: channelId, threadRootId: null });

const setEnd = (userId: string, guestUntil: Date) =>
  ok(modSocket, 'user:setRole', { userId, role: 'guest', guestUntil: guestUntil.toISOString() });

describe('guest expert access ends at the end date itself', () => {
  it('every check compares the end date with the clock: list, search and history refused at once', async () => {
    const { guest, socket, word } = await guestInChannel(new Date(Date.now() + 7 * 86_400_000));
    // Before the end: the guest reads.
    expect(errorCode(await call(socket, 'conversation:list', {}))).toBe('OK');
    expect((await ok(socket, 'search:query', { q: word })).hits).toHaveLength(1);
    expect(errorCode(await call(socket, 'message:history', history()))).toBe('OK');

    // The clock passes the end date before the socket's timer fires (real time runs on; a
    // small jump, as the client library closes a connection whose clock jumped past its pings).
    const end = new Date(Date.now() + 8000);
    await setEnd(guest.id, end);
    vi.setSystemTime(end.getTime() + 1);
    try {
      expect(errorCode(await call(socket, 'conversation:list', {}))).toBe('UNAUTHENTICATED');
      expect(errorCode(await call(socket, 'search:query', { q: word }))).toBe('UNAUTHENTICATED');
      expect(errorCode(await call(socket, 'message:history', history()))).toBe('UNAUTHENTICATED');
      // HTTP checked the date at every request before: nobody is signed in.
      expect((await api(server, 'GET', '/session', { cookie: guest.cookie })).status).toBe(204);
    } finally {
      vi.useRealTimers();
    }
  });

  it('the socket is dropped at the end moment, told why, and hears nothing after it', async () => {
    const { guest, socket, live, revoked } = await guestInChannel(
      new Date(Date.now() + 7 * 86_400_000),
    );
    // The end date is moved to a moment from now: the open socket's timer must follow it.
    const end = new Date(Date.now() + 1500);
    await setEnd(guest.id, end);
    let droppedAt = 0;
    socket.on('disconnect', () => (droppedAt = Date.now()));
    await expect.poll(() => droppedAt > 0, { timeout: 5000, message: 'disconnected' }).toBe(true);
    expect(droppedAt).toBeGreaterThanOrEqual(end.getTime());
    expect(droppedAt - end.getTime()).toBeLessThan(1000);
    expect(revoked).toEqual([{ reason: 'expired' }]);

    const before = live.length;
    await ok(modSocket, 'message:send', {
      conversationId: channelId,
      clientId: clientId(),
      text: 'after the end',
    });
    // Nothing to wait for: a closed client socket (reconnection off) takes no packet at all.
    expect(socket.connected).toBe(false);
    expect(live).toHaveLength(before);
    // A new connection is refused too (the session check compares the date as well).
    const again = await server.connect({ cookie: guest.cookie });
    expect(errorCode(await call(again, 'conversation:list', {}))).toBe('UNAUTHENTICATED');
  });

  it('honours an end date moved later, also past the longest timer delay', async () => {
    const { guest, socket, revoked } = await guestInChannel(new Date(Date.now() + 7 * 86_400_000));
    await setEnd(guest.id, new Date(Date.now() + 1500));
    // 60 days is beyond setTimeout's 24.8-day limit, which would otherwise fire at once.
    await setEnd(guest.id, new Date(Date.now() + 60 * 86_400_000));
    await sleep(2500); // past the first end date: its timer must not fire
    await barrier(server, socket);
    expect(socket.connected).toBe(true);
    expect(revoked).toEqual([]);
    expect(errorCode(await call(socket, 'conversation:list', {}))).toBe('OK');
    expect(server.contractViolations).toEqual([]);
  });
});
