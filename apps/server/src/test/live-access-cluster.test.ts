import { describe, expect, it } from 'vitest';
import { restoreLiveAccess, suspendLiveAccess } from '../auth/live-access.js';
import { useTwoServersOnRedis } from './clusters.js';
import { clientId, connectReady, ok } from './sockets.js';
import { createUser } from './factories.js';
import { barrier, collect } from './harness.js';

/**
 * Live access across processes (issue 9, item 3): two servers on one Redis and one database. The
 * process that finds a person's consent out of date is not the one holding their socket; the
 * adapter carries the rooms and the shared store the presence.
 */

const servers = useTwoServersOnRedis();

describe('live access on another process', () => {
  it('suspend and restore reach a socket held by another process, without a reconnect', async () => {
    const { a, b } = servers;
    const [person, poster] = await Promise.all([
      createUser(a.application, { name: 'Kaisa Kaukana' }),
      createUser(a.application, { name: 'Pentti Postaaja' }),
    ]);
    const onB = await connectReady(b, person.cookie);
    const posterOnA = await connectReady(a, poster.cookie);
    const { conversations } = await ok(posterOnA, 'conversation:list', {});
    const channelId = conversations.find((c) => c.name === 'yleinen')!.id;
    const heard = collect(onB, 'message:created');
    const disconnects: string[] = [];
    onB.on('disconnect', (reason) => disconnects.push(reason));
    const status = async () =>
      (await ok(posterOnA, 'presence:query', { userIds: [person.id] })).presences[0]!.status;
    const post = async (text: string) =>
      (
        await ok(posterOnA, 'message:send', {
          conversationId: channelId,
          clientId: clientId(),
          text,
        })
      ).message.id;
    await expect
      .poll(async () => (await status()) === 'online', { timeout: 3000, message: 'online' })
      .toBe(true);

    await suspendLiveAccess(a.application.app, person.id);
    await expect
      .poll(async () => (await status()) === 'offline', { timeout: 3000, message: 'offline' })
      .toBe(true);
    await post('not for the suspended');
    await barrier(a, onB); // through a, the process that broadcast it, to the socket on b
    expect(heard).toEqual([]);

    expect(await restoreLiveAccess(a.application.app, person.id)).toBe(true);
    await expect
      .poll(async () => (await status()) === 'online', { timeout: 3000, message: 'online again' })
      .toBe(true);
    const id = await post('for the restored');
    await expect
      .poll(() => heard.some((m) => m.message.id === id), {
        timeout: 3000,
        message: 'live message',
      })
      .toBe(true);
    expect(disconnects).toEqual([]);
    expect(a.contractViolations).toEqual([]);
    expect(b.contractViolations).toEqual([]);
  });
});
