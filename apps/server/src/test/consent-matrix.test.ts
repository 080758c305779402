import { mentionToken } from '@yhteistyotila/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEEDED_PRIVACY_VERSION } from '../auth/privacy.js';
import { UserModel } from '../auth/user.model.js';
import { roomsReady } from '../features/conversations/conversation-rooms.js';
import { call, clientId, connectReady, errorCode, ok } from './sockets.js';
import { api } from './access-helpers.js';
import { createUser, type TestUser } from './factories.js';
import {
  barrier,
  collect,
  collectPresence,
  presenceBarrier,
  startTestServer,
  type TestServer,
  type TestSocket,
} from './harness.js';

/**
 * The authorisation matrix's consent rows, with an open socket (issue 9, item 3): a person whose
 * consent to the privacy statement in force is out of date or was never given hears nothing of
 * other people and shows in no presence until they consent, and consenting over HTTP brings the
 * already-open socket back without a reconnect. The "who may do what" cells are in
 * authz-matrix.test.ts; these are the states of the person themself.
 */

let server: TestServer;
let poster: TestUser, observer: TestUser;
let posterSocket: TestSocket, observerSocket: TestSocket;
/** The auto-joined channel every test person is in. */
let channelId: string;

beforeAll(async () => {
  server = await startTestServer();
  [poster, observer] = await Promise.all([
    createUser(server.application, { name: 'Pirkko Posting' }),
    createUser(server.application, { name: 'Olli Observer' }),
  ]);
  posterSocket = await connectReady(server, poster.cookie);
  observerSocket = await connectReady(server, observer.cookie);
  const { conversations } = await ok(posterSocket, 'conversation:list', {});
  channelId = conversations.find((c) => c.name === 'yleinen')!.id;
});
afterAll(() => server.close());

const STATES = {
  current: SEEDED_PRIVACY_VERSION,
  'out of date': '2000-01-01',
  'never given': null,
} as const;
type State = keyof typeof STATES;

/** A person in `state`, with one socket connected and its connection hooks done. */
async function personIn(state: State) {
  const user = await createUser(server.application, { name: `Consent ${state}` });
  await UserModel.updateOne({ _id: user.id }, { $set: { consentVersion: STATES[state] } });
  const socket = await server.connect({ cookie: user.cookie });
  const messages = collect(socket, 'message:created');
  const presence = collectPresence(socket);
  const disconnects: string[] = [];
  socket.on('disconnect', (reason) => disconnects.push(reason));
  const serverSide = server.application.app.io.sockets.sockets.get(socket.id!);
  if (serverSide) await roomsReady(serverSide);
  // The connect's presence batch, if any: stored (the presence hook's end), then delivered.
  if (state === 'current')
    await expect
      .poll(async () => (await statusOf(user.id)) === 'online', {
        timeout: 3000,
        message: 'stored online',
      })
      .toBe(true);
  await presenceBarrier(server, socket, observerSocket);
  return { user, socket, messages, presence, disconnects };
}

/**
 * Posts; in the shared channel also waits until the observer has it. Every delivery of the post
 * is emitted before its ack: `barrier` the socket that must not have it.
 */
async function post(text: string, conversationId = channelId, from = posterSocket) {
  const seen = collect(observerSocket, 'message:created');
  const { message } = await ok(from, 'message:send', {
    conversationId,
    clientId: clientId(),
    text,
  });
  if (conversationId === channelId)
    await expect
      .poll(() => seen.some((m) => m.message.id === message.id), {
        timeout: 3000,
        message: 'observer copy',
      })
      .toBe(true);
  return message.id;
}

const statusOf = async (userId: string) =>
  (await ok(observerSocket, 'presence:query', { userIds: [userId] })).presences[0]!.status;

describe.each(Object.keys(STATES) as State[])('consent %s, socket open', (state) => {
  const consented = state === 'current';

  it(`${consented ? 'receives' : 'does not receive'} message:created from its channels`, async () => {
    const p = await personIn(state);
    const id = await post(`for the ${state} person`);
    await barrier(server, p.socket);
    expect(p.messages.map((m) => m.message.id)).toEqual(consented ? [id] : []);
  });

  it(`${consented ? 'hears' : 'does not hear'} notification:created when mentioned`, async () => {
    const p = await personIn(state);
    const heard = collect(p.socket, 'notification:created');
    await post(`${mentionToken(p.user.name)} katso`);
    await barrier(server, p.socket);
    expect(heard.map((h) => h.notification.kind)).toEqual(consented ? ['mention'] : []);
    expect(errorCode(await call(p.socket, 'notification:list', {}))).toBe(
      consented ? 'OK' : 'CONSENT_REQUIRED',
    );
  });

  it(`${consented ? 'hears' : 'does not hear'} conversation:added when invited to a channel`, async () => {
    const p = await personIn(state);
    const added = collect(p.socket, 'conversation:added');
    const { conversation } = await ok(posterSocket, 'channel:create', {
      name: `Kutsu ${state}`,
      visibility: 'private',
    });
    const invite = { conversationId: conversation.id, userIds: [p.user.id] };
    expect((await ok(posterSocket, 'channel:invite', invite)).added).toEqual([p.user.id]);
    await barrier(server, p.socket);
    expect(added.map((a) => a.conversation.id)).toEqual(consented ? [conversation.id] : []);
  });

  it(`${consented ? 'appears' : 'does not appear'} in presence, and ${consented ? 'hears' : 'does not hear'} others'`, async () => {
    const seen = collectPresence(observerSocket);
    const p = await personIn(state);
    expect(await statusOf(p.user.id)).toBe(consented ? 'online' : 'offline');
    expect(seen.some((c) => c.userId === p.user.id)).toBe(consented);
    // Someone else comes online: only a consented socket hears it.
    const other = await createUser(server.application, { name: 'Someone Else' });
    const otherSocket = await server.connect({ cookie: other.cookie });
    await expect
      .poll(() => seen.some((c) => c.userId === other.id), {
        timeout: 3000,
        message: 'observer sees other',
      })
      .toBe(true);
    await barrier(server, p.socket); // the batch went to everyone's room at once
    expect(p.presence.some((c) => c.userId === other.id)).toBe(consented);
    otherSocket.disconnect();
  });

  it(`handlers answer ${consented ? 'normally' : 'CONSENT_REQUIRED'}`, async () => {
    const p = await personIn(state);
    const expected = consented ? 'OK' : 'CONSENT_REQUIRED';
    expect(errorCode(await call(p.socket, 'conversation:list', {}))).toBe(expected);
    expect(errorCode(await call(p.socket, 'presence:set', { status: 'away' }))).toBe(expected);
    expect(
      errorCode(
        await call(p.socket, 'message:history', { conversationId: channelId, threadRootId: null }),
      ),
    ).toBe(expected);
    expect(errorCode(await call(p.socket, 'session:whoami', {}))).toBe('OK');
  });

  if (!consented) {
    it('after consenting over HTTP, the open socket receives messages and shows online without reconnecting', async () => {
      const p = await personIn(state);
      const seen = collectPresence(observerSocket);
      const socketId = p.socket.id;
      const res = await api(server, 'POST', '/consent', {
        cookie: p.user.cookie,
        body: { version: SEEDED_PRIVACY_VERSION, consent: true },
      });
      expect(res.status).toBe(200);
      expect(res.body.user.mustReconsent).toBe(false);
      const id = await post('welcome back');
      await expect
        .poll(() => p.messages.some((m) => m.message.id === id), {
          timeout: 3000,
          message: 'live message',
        })
        .toBe(true);
      await expect
        .poll(() => seen.some((c) => c.userId === p.user.id && c.status === 'online'), {
          timeout: 3000,
          message: 'shown online',
        })
        .toBe(true);
      expect(await statusOf(p.user.id)).toBe('online');
      expect(errorCode(await call(p.socket, 'conversation:list', {}))).toBe('OK');
      expect(p.socket.connected).toBe(true);
      expect(p.socket.id).toBe(socketId);
      expect(p.disconnects).toEqual([]);
    });
  }
});

describe('consent found out of date at runtime (the privacy statement publishing calls this)', () => {
  it('suspendLiveAccess leaves every room now; restoreLiveAccess brings them back, both without a reconnect', async () => {
    const { suspendLiveAccess, restoreLiveAccess } = await import('../auth/live-access.js');
    const { app } = server.application;
    const p = await personIn('current');
    const seen = collectPresence(observerSocket);
    expect(await statusOf(p.user.id)).toBe('online');

    await suspendLiveAccess(app, p.user.id);
    await expect
      .poll(() => seen.some((c) => c.userId === p.user.id && c.status === 'offline'), {
        timeout: 3000,
        message: 'shown offline',
      })
      .toBe(true);
    await post('while suspended');
    // Added to a new channel while suspended: the socket must not be put into its room.
    const { conversation } = await ok(posterSocket, 'channel:create', {
      name: `yksityinen ${Date.now()}`,
      visibility: 'private',
    });
    await ok(posterSocket, 'channel:invite', {
      conversationId: conversation.id,
      userIds: [p.user.id],
    });
    await post('in the new channel, while suspended', conversation.id);
    await barrier(server, p.socket);
    expect(p.messages).toEqual([]);
    expect(await statusOf(p.user.id)).toBe('offline');

    // Refuses to restore while the consent is out of date.
    await UserModel.updateOne({ _id: p.user.id }, { $set: { consentVersion: '2000-01-01' } });
    expect(await restoreLiveAccess(app, p.user.id)).toBe(false);
    expect(await statusOf(p.user.id)).toBe('offline');

    await UserModel.updateOne(
      { _id: p.user.id },
      { $set: { consentVersion: SEEDED_PRIVACY_VERSION } },
    );
    expect(await restoreLiveAccess(app, p.user.id)).toBe(true);
    const inChannel = await post('after restoring');
    const inNew = await post('in the new channel, after restoring', conversation.id);
    await expect
      .poll(() => p.messages.length === 2, { timeout: 3000, message: 'both live messages' })
      .toBe(true);
    expect(p.messages.map((m) => m.message.id).sort()).toEqual([inChannel, inNew].sort());
    expect(await statusOf(p.user.id)).toBe('online');
    expect(p.disconnects).toEqual([]);
    expect(server.contractViolations).toEqual([]);
  });
});
