/**
 * The conversation rows of "Who may do what" (packages/protocol permissions.ts), walked for
 * every role against the running server. The expectation of each cell comes from ruleFor(),
 * so the table and the code cannot drift apart.
 */
import { ROLES, ruleFor, type Role } from '@yhteistyotila/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, type TestUser } from '../../test/factories.js';
import { startTestServer, type TestServer, type TestSocket } from '../../test/harness.js';
import { call, clientId, connectReady, errorCode, ok } from '../../test/sockets.js';

let server: TestServer;
let mod: TestSocket, admin: TestSocket;
let stranger: TestUser;

beforeAll(async () => {
  server = await startTestServer();
  const [m, a] = await Promise.all([
    createUser(server.application, { role: 'moderator' }),
    createUser(server.application, { role: 'admin' }),
  ]);
  stranger = await createUser(server.application, { role: 'member' });
  [mod, admin] = await Promise.all([
    connectReady(server, m.cookie),
    connectReady(server, a.cookie),
  ]);
});
afterAll(() => server.close());

const expectOk = (allowed: boolean, code: string, denied: string) =>
  expect(code).toBe(allowed ? 'OK' : denied);

describe.each(ROLES.map((role) => [role] as [Role]))('as %s', (role) => {
  let me: TestUser;
  let s: TestSocket;
  /** Public channel (moderator's) and private channel (admin's), both with me invited. */
  let pub: string, priv: string;
  /** A message by the moderator in `pub`. */
  let theirs: string;

  beforeAll(async () => {
    me = await createUser(server.application, { role });
    s = await connectReady(server, me.cookie);
    pub = (await ok(mod, 'channel:create', { name: `Julkinen ${role}`, visibility: 'public' }))
      .conversation.id;
    priv = (
      await ok(admin, 'channel:create', { name: `Yksityinen ${role}`, visibility: 'private' })
    ).conversation.id;
    await ok(mod, 'channel:invite', { conversationId: pub, userIds: [me.id] });
    await ok(admin, 'channel:invite', { conversationId: priv, userIds: [me.id] });
    theirs = (
      await ok(mod, 'message:send', {
        conversationId: pub,
        clientId: clientId(),
        text: 'Moderaattorin viesti',
      })
    ).message.id;
  });

  it('channel.browsePublic', async () => {
    const other = (
      await ok(mod, 'channel:create', { name: `Toinen ${role}`, visibility: 'public' })
    ).conversation.id;
    const rule = ruleFor(role, 'channel.browsePublic');
    expectOk(
      rule === 'yes',
      errorCode(await call(s, 'channel:join', { conversationId: other })),
      'NOT_FOUND',
    );
    expect((await ok(s, 'channel:browse', {})).channels.some((c) => c.id === other)).toBe(
      rule === 'yes',
    );
  });

  it('channel.createPublic and channel.createPrivate', async () => {
    expectOk(
      ruleFor(role, 'channel.createPublic') === 'yes',
      errorCode(await call(s, 'channel:create', { name: `P ${role}`, visibility: 'public' })),
      'FORBIDDEN',
    );
    expectOk(
      ruleFor(role, 'channel.createPrivate') === 'yes',
      errorCode(await call(s, 'channel:create', { name: `Q ${role}`, visibility: 'private' })),
      'FORBIDDEN',
    );
  });

  it('channel.archive', async () => {
    const rule = ruleFor(role, 'channel.archive');
    expectOk(
      rule === 'yes',
      errorCode(await call(s, 'channel:archive', { conversationId: priv, archived: true })),
      'FORBIDDEN',
    );
    if (rule === 'own-private') {
      const own = (await ok(s, 'channel:create', { name: `Oma ${role}`, visibility: 'private' }))
        .conversation.id;
      expect(
        errorCode(await call(s, 'channel:archive', { conversationId: own, archived: true })),
      ).toBe('OK');
    }
    if (rule === 'yes') await ok(s, 'channel:archive', { conversationId: priv, archived: false });
  });

  it('message.post (channel members only)', async () => {
    expect(ruleFor(role, 'message.post')).toBe('channel-member');
    expect(
      errorCode(
        await call(s, 'message:send', { conversationId: pub, clientId: clientId(), text: 'hei' }),
      ),
    ).toBe('OK');
    const outside = (
      await ok(mod, 'channel:create', { name: `Ulkona ${role}`, visibility: 'public' })
    ).conversation.id;
    const code = errorCode(
      await call(s, 'message:send', { conversationId: outside, clientId: clientId(), text: 'hei' }),
    );
    expect(code).toBe(ruleFor(role, 'channel.browsePublic') === 'yes' ? 'FORBIDDEN' : 'NOT_FOUND');
  });

  it('message.editOrDelete', async () => {
    const rule = ruleFor(role, 'message.editOrDelete');
    const mine = (
      await ok(s, 'message:send', { conversationId: pub, clientId: clientId(), text: 'oma' })
    ).message.id;
    expect(
      errorCode(await call(s, 'message:edit', { messageId: mine, text: 'oma muokattu' })),
    ).toBe('OK');
    expect(errorCode(await call(s, 'message:edit', { messageId: theirs, text: 'kaappaus' }))).toBe(
      'FORBIDDEN',
    );
    expectOk(
      rule === 'own-delete-any',
      errorCode(await call(s, 'message:delete', { messageId: theirs })),
      'FORBIDDEN',
    );
    expect(errorCode(await call(s, 'message:delete', { messageId: mine }))).toBe('OK');
  });

  it('message.pin', async () => {
    const rule = ruleFor(role, 'message.pin');
    const target = (
      await ok(mod, 'message:send', {
        conversationId: pub,
        clientId: clientId(),
        text: 'kiinnitä?',
      })
    ).message.id;
    expectOk(
      rule === 'yes',
      errorCode(await call(s, 'message:pin', { messageId: target, pinned: true })),
      'FORBIDDEN',
    );
    if (rule === 'in-own-private') {
      const own = (await ok(s, 'channel:create', { name: `Pin ${role}`, visibility: 'private' }))
        .conversation.id;
      const m = (
        await ok(s, 'message:send', { conversationId: own, clientId: clientId(), text: 'oma' })
      ).message.id;
      expect(errorCode(await call(s, 'message:pin', { messageId: m, pinned: true }))).toBe('OK');
    }
  });

  it('dm.start and dm.read', async () => {
    const rule = ruleFor(role, 'dm.start');
    // The stranger shares no channel with a guest (guests are in invited channels only).
    expectOk(
      rule === 'yes',
      errorCode(await call(s, 'dm:open', { userIds: [stranger.id] })),
      'NOT_FOUND',
    );
    const peer = (await ok(mod, 'conversation:members', { conversationId: pub })).members.find(
      (x) => x.role === 'moderator',
    )!;
    expect(errorCode(await call(s, 'dm:open', { userIds: [peer.id] }))).toBe('OK');
    expect(ruleFor(role, 'dm.read')).toBe('participant');
    const dm = (await ok(admin, 'dm:open', { userIds: [stranger.id] })).conversation.id;
    expect(errorCode(await call(s, 'message:history', { conversationId: dm }))).toBe('NOT_FOUND');
    expect(
      errorCode(await call(s, 'conversation:sync', { conversationId: dm, sinceChangeSeq: 0 })),
    ).toBe('NOT_FOUND');
  });
});

describe('contract', () => {
  it('emitted only events that match the protocol', () => {
    expect(server.contractViolations).toEqual([]);
  });
});
