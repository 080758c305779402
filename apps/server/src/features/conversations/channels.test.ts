import { rooms } from '@yhteistyotila/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { onUserApproved } from '../access/index.js';
import { UserModel } from '../../auth/user.model.js';
import { createUser, type TestUser } from '../../test/factories.js';
import {
  collect,
  barrier,
  startTestServer,
  type TestServer,
  type TestSocket,
} from '../../test/harness.js';
import {
  call,
  callRaw,
  clientId,
  connectAllReady,
  connectReady,
  createUsers,
  errorCode,
  ok,
} from '../../test/sockets.js';

let server: TestServer;
let alice: TestUser, bob: TestUser, carol: TestUser, mod: TestUser, guest: TestUser;
let a1: TestSocket, a2: TestSocket, b: TestSocket, c: TestSocket, m: TestSocket, g: TestSocket;

beforeAll(async () => {
  server = await startTestServer();
  [alice, bob, carol, mod, guest] = await createUsers(server, [
    { name: 'Alice Aalto' },
    { name: 'Bob Berg' },
    { name: 'Carol Cederberg' },
    { role: 'moderator', name: 'Mona Moderaattori' },
    { role: 'guest', name: 'Gustav Guest' },
  ]);
  [a1, a2, b, c, m, g] = await connectAllReady(server, [alice, alice, bob, carol, mod, guest]);
});
afterAll(() => server.close());

describe('default channels', () => {
  it('creates the Finnish defaults and the 22 regional channels at start, and joins people to the general ones and their region', async () => {
    const { channels } = await ok(a1, 'channel:browse', {});
    const names = channels.map((ch) => ch.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'yleinen',
        'vertaistuki',
        'yhteistyö kunnan kanssa',
        'varhaiskasvatus',
        'koulu',
        'kysy asiantuntijalta',
      ]),
    );
    expect(channels.filter((ch) => ch.category === 'Alueet')).toHaveLength(22);
    const mine = (await ok(a1, 'conversation:list', {})).conversations;
    expect(mine.map((x) => x.name)).toEqual(
      expect.arrayContaining(['yleinen', 'vertaistuki', 'kysy asiantuntijalta', 'Helsinki']),
    );
    expect(mine.every((x) => x.unreadCount === 0)).toBe(true);
  });

  it('gives guests nothing until they are invited', async () => {
    expect((await ok(g, 'conversation:list', {})).conversations).toEqual([]);
    expect((await ok(g, 'channel:browse', {})).channels).toEqual([]);
    const yleinen = (await ok(a1, 'channel:browse', {})).channels.find(
      (ch) => ch.name === 'yleinen',
    )!;
    expect(errorCode(await call(g, 'channel:join', { conversationId: yleinen.id }))).toBe(
      'NOT_FOUND',
    );
    expect(errorCode(await call(g, 'message:history', { conversationId: yleinen.id }))).toBe(
      'NOT_FOUND',
    );
  });

  it('joins people once: leaving a default channel sticks across reconnects', async () => {
    const dora = await createUser(server.application, { name: 'Dora Default' });
    const first = await connectReady(server, dora.cookie);
    const names = async (sock: TestSocket) =>
      (await ok(sock, 'conversation:list', {})).conversations.map((x) => x.name);
    const vertaistuki = (await ok(first, 'conversation:list', {})).conversations.find(
      (x) => x.name === 'vertaistuki',
    )!;
    await ok(first, 'channel:leave', { conversationId: vertaistuki.id });
    first.disconnect();
    // Remembered on the person, so the next handshake needs no first-connection check.
    const joinedAt = (await UserModel.findById(dora.id).lean())?.channelsJoinedAt;
    expect(joinedAt).toBeInstanceOf(Date);
    const again = await connectReady(server, dora.cookie);
    expect(await names(again)).not.toContain('vertaistuki');
    expect(await names(again)).toContain('yleinen');
    again.disconnect();
    // A person set up before that field existed: the exactly-once guard still holds.
    await UserModel.updateOne({ _id: dora.id }, { $set: { channelsJoinedAt: null } });
    const legacy = await connectReady(server, dora.cookie);
    expect(await names(legacy)).not.toContain('vertaistuki');
    await expect
      .poll(async () => Boolean((await UserModel.findById(dora.id).lean())?.channelsJoinedAt))
      .toBe(true);
    legacy.disconnect();
  });
});

describe('channel:create', () => {
  it('lets members create private channels only; moderators create public ones', async () => {
    expect(
      errorCode(await call(a1, 'channel:create', { name: 'julkinen-a', visibility: 'public' })),
    ).toBe('FORBIDDEN');
    expect(
      errorCode(await call(g, 'channel:create', { name: 'vieras', visibility: 'private' })),
    ).toBe('FORBIDDEN');
    const added = collect(a2, 'conversation:added');
    const priv = await ok(a1, 'channel:create', {
      name: 'Hallitus',
      visibility: 'private',
      topic: 'Hallituksen asiat',
      category: 'Oma',
    });
    expect(priv.conversation).toMatchObject({
      kind: 'channel',
      visibility: 'private',
      name: 'Hallitus',
      memberCount: 1,
      createdBy: alice.id,
    });
    await expect
      .poll(() => added.some((x) => x.conversation.id === priv.conversation.id), {
        timeout: 3000,
        message: 'other tab told',
      })
      .toBe(true);
    const pub = await ok(m, 'channel:create', {
      name: 'Kerhot',
      visibility: 'public',
      description: 'Harrastukset',
    });
    expect(pub.conversation.visibility).toBe('public');
    expect((await ok(b, 'channel:browse', {})).channels.map((x) => x.id)).toContain(
      pub.conversation.id,
    );
    expect((await ok(b, 'channel:browse', {})).channels.map((x) => x.id)).not.toContain(
      priv.conversation.id,
    );
  });

  it('refuses a taken name and malformed payloads', async () => {
    await ok(a1, 'channel:create', { name: 'Ainutlaatuinen', visibility: 'private' });
    expect(
      errorCode(await call(b, 'channel:create', { name: 'ainutlaatuinen', visibility: 'private' })),
    ).toBe('CONFLICT');
    for (const bad of [
      {},
      { name: '', visibility: 'private' },
      { name: 'x', visibility: 'secret' },
      { name: 'x'.repeat(81), visibility: 'private' },
      'x',
      null,
    ]) {
      expect(errorCode(await callRaw(a1, 'channel:create', bad))).toBe('VALIDATION_ERROR');
    }
  });
});

describe('join, leave, invite, members', () => {
  it('joins a public channel: ack, conversation:added to own tabs, member:joined to members only', async () => {
    const { conversation } = await ok(m, 'channel:create', {
      name: 'Liittymistesti',
      visibility: 'public',
    });
    await ok(a1, 'channel:join', { conversationId: conversation.id });
    const joinedSeenByAlice = collect(a1, 'member:joined');
    const joinedSeenByCarol = collect(c, 'member:joined');
    const addedToBob = collect(b, 'conversation:added');
    const res = await ok(b, 'channel:join', { conversationId: conversation.id });
    expect(res.conversation).toMatchObject({ id: conversation.id, memberCount: 3, unreadCount: 0 });
    await expect
      .poll(() => joinedSeenByAlice.length === 1 && addedToBob.length === 1, {
        timeout: 3000,
        message: 'join facts',
      })
      .toBe(true);
    expect(joinedSeenByAlice[0]).toMatchObject({
      conversationId: conversation.id,
      member: { id: bob.id, name: 'Bob Berg' },
    });
    // Joining again is idempotent: no second broadcast.
    await ok(b, 'channel:join', { conversationId: conversation.id });
    await barrier(server, a1, c);
    expect(joinedSeenByAlice).toHaveLength(1);
    expect(joinedSeenByCarol).toHaveLength(0);

    // Bob's socket is now in the room: he receives messages.
    const got = collect(b, 'message:created');
    await ok(a1, 'message:send', {
      conversationId: conversation.id,
      clientId: clientId(),
      text: 'Tervetuloa',
    });
    await expect
      .poll(() => got.length === 1, { timeout: 3000, message: 'message to new member' })
      .toBe(true);

    // Leaving: conversation:removed to him, member:left to the rest, no more messages.
    const removed = collect(b, 'conversation:removed');
    const left = collect(a1, 'member:left');
    await ok(b, 'channel:leave', { conversationId: conversation.id });
    await expect
      .poll(() => removed.length === 1 && left.length === 1, {
        timeout: 3000,
        message: 'leave facts',
      })
      .toBe(true);
    expect(left[0]).toEqual({ conversationId: conversation.id, userId: bob.id });
    await ok(a1, 'message:send', {
      conversationId: conversation.id,
      clientId: clientId(),
      text: 'Hei hei',
    });
    await barrier(server, b);
    expect(got).toHaveLength(1);
    const members = await ok(a1, 'conversation:members', { conversationId: conversation.id });
    expect(members.members.map((x) => x.id).sort()).toEqual([alice.id, mod.id].sort());
    expect(members.total).toBe(2);
  });

  it('keeps private channels invisible to outsiders and lets members invite', async () => {
    const { conversation } = await ok(a1, 'channel:create', {
      name: 'Salainen',
      visibility: 'private',
    });
    const id = conversation.id;
    for (const [sock, event] of [
      [c, 'channel:join'],
      [c, 'conversation:members'],
      [c, 'conversation:get'],
      [m, 'conversation:get'],
      [c, 'channel:leave'],
    ] as const) {
      expect(errorCode(await call(sock, event, { conversationId: id }))).toBe('NOT_FOUND');
    }
    expect(
      errorCode(await call(c, 'channel:invite', { conversationId: id, userIds: [carol.id] })),
    ).toBe('NOT_FOUND');

    const joined = collect(a2, 'member:joined');
    const addedToBob = collect(b, 'conversation:added');
    const addedToCarol = collect(c, 'conversation:added');
    expect(
      (
        await ok(a1, 'channel:invite', { conversationId: id, userIds: [bob.id, guest.id] })
      ).added.sort(),
    ).toEqual([bob.id, guest.id].sort());
    await expect
      .poll(() => joined.length === 2 && addedToBob.length === 1, {
        timeout: 3000,
        message: 'invite facts',
      })
      .toBe(true);
    expect(addedToBob[0]!.conversation).toMatchObject({
      id,
      visibility: 'private',
      memberCount: 3,
    });
    await barrier(server, c);
    expect(addedToCarol).toHaveLength(0);
    // Re-inviting adds nobody.
    expect(
      (await ok(a1, 'channel:invite', { conversationId: id, userIds: [bob.id] })).added,
    ).toEqual([]);
    // The guest now sees exactly this channel and may post in it, but may not invite.
    expect((await ok(g, 'channel:browse', {})).channels.map((x) => x.id)).toEqual([id]);
    expect(
      errorCode(await call(g, 'channel:invite', { conversationId: id, userIds: [carol.id] })),
    ).toBe('FORBIDDEN');
    await ok(g, 'message:send', {
      conversationId: id,
      clientId: clientId(),
      text: 'Kiitos kutsusta',
    });
    expect(
      errorCode(
        await call(a1, 'channel:invite', {
          conversationId: id,
          userIds: ['0123456789abcdef01234567'],
        }),
      ),
    ).toBe('NOT_FOUND');
    expect(
      errorCode(await callRaw(a1, 'channel:invite', { conversationId: id, userIds: [] })),
    ).toBe('VALIDATION_ERROR');
  });
});

describe('channel:update and channel:archive', () => {
  it('lets members set the topic, only the creator or staff rename, and tells the members', async () => {
    const { conversation } = await ok(a1, 'channel:create', {
      name: 'Päivitys',
      visibility: 'private',
    });
    const id = conversation.id;
    await ok(a1, 'channel:invite', { conversationId: id, userIds: [bob.id] });
    const seenByAlice = collect(a2, 'conversation:updated');
    const seenByCarol = collect(c, 'conversation:updated');
    await ok(b, 'channel:update', { conversationId: id, topic: 'Uusi aihe' });
    await expect
      .poll(() => seenByAlice.length === 1, { timeout: 3000, message: 'topic fact' })
      .toBe(true);
    expect(seenByAlice[0]!.conversation.topic).toBe('Uusi aihe');
    expect(
      errorCode(await call(b, 'channel:update', { conversationId: id, name: 'Kaapattu' })),
    ).toBe('FORBIDDEN');
    await ok(a1, 'channel:update', {
      conversationId: id,
      name: 'Päivitetty',
      description: 'Kuvaus',
    });
    await expect
      .poll(() => seenByAlice.length === 2, { timeout: 3000, message: 'rename fact' })
      .toBe(true);
    await barrier(server, a2, c);
    expect(seenByAlice).toHaveLength(2);
    expect(seenByCarol).toHaveLength(0);
    expect(errorCode(await call(c, 'channel:update', { conversationId: id, topic: 'x' }))).toBe(
      'NOT_FOUND',
    );
  });

  it('archives own private channels (members) and any channel (moderators); archived channels are read-only', async () => {
    const { conversation } = await ok(a1, 'channel:create', {
      name: 'Arkistoitava',
      visibility: 'private',
    });
    await ok(a1, 'channel:invite', { conversationId: conversation.id, userIds: [bob.id] });
    expect(
      errorCode(
        await call(b, 'channel:archive', { conversationId: conversation.id, archived: true }),
      ),
    ).toBe('FORBIDDEN');
    const updated = collect(b, 'conversation:updated');
    expect(
      (await ok(a1, 'channel:archive', { conversationId: conversation.id, archived: true }))
        .conversation.archived,
    ).toBe(true);
    await expect
      .poll(() => updated.length === 1, { timeout: 3000, message: 'archive fact' })
      .toBe(true);
    expect(
      errorCode(
        await call(b, 'message:send', {
          conversationId: conversation.id,
          clientId: clientId(),
          text: 'hei',
        }),
      ),
    ).toBe('FORBIDDEN');
    expect((await ok(b, 'channel:browse', {})).channels.map((x) => x.id)).not.toContain(
      conversation.id,
    );
    expect(
      (await ok(b, 'channel:browse', { includeArchived: true })).channels.map((x) => x.id),
    ).toContain(conversation.id);

    const yleinen = (await ok(a1, 'channel:browse', {})).channels.find(
      (ch) => ch.name === 'koulu',
    )!;
    expect(
      errorCode(await call(a1, 'channel:archive', { conversationId: yleinen.id, archived: true })),
    ).toBe('FORBIDDEN');
    const pub = (
      await ok(m, 'channel:create', { name: 'Moderaattorin arkisto', visibility: 'public' })
    ).conversation;
    await ok(m, 'channel:archive', { conversationId: pub.id, archived: true });
    expect(errorCode(await call(a1, 'channel:join', { conversationId: pub.id }))).toBe('FORBIDDEN');
    expect(errorCode(await call(a1, 'channel:leave', { conversationId: 'nope' } as never))).toBe(
      'VALIDATION_ERROR',
    );
  });
});

describe('direct messages', () => {
  it('opens one DM per set of people and tells every participant', async () => {
    const addedToBob = collect(b, 'conversation:added');
    const first = await ok(a1, 'dm:open', { userIds: [bob.id] });
    expect(first.created).toBe(true);
    expect(first.conversation).toMatchObject({ kind: 'dm', visibility: 'private', memberCount: 2 });
    expect(first.conversation.participants.map((p) => p.id).sort()).toEqual(
      [alice.id, bob.id].sort(),
    );
    await expect
      .poll(() => addedToBob.length === 1, { timeout: 3000, message: 'dm added' })
      .toBe(true);
    const again = await ok(b, 'dm:open', { userIds: [alice.id, bob.id] });
    expect(again).toMatchObject({ created: false, conversation: { id: first.conversation.id } });

    const group = await ok(a1, 'dm:open', { userIds: [bob.id, carol.id] });
    const reused = await ok(c, 'dm:open', { userIds: [bob.id, alice.id] });
    expect(reused.conversation.id).toBe(group.conversation.id);
    expect(group.conversation.id).not.toBe(first.conversation.id);
  });

  it('limits group DMs to 8 people and refuses unknown people', async () => {
    const many = await Promise.all(Array.from({ length: 8 }, () => createUser(server.application)));
    expect(errorCode(await callRaw(a1, 'dm:open', { userIds: many.map((u) => u.id) }))).toBe(
      'VALIDATION_ERROR',
    );
    expect(
      (await ok(a1, 'dm:open', { userIds: many.slice(0, 7).map((u) => u.id) })).conversation
        .memberCount,
    ).toBe(8);
    expect(errorCode(await call(a1, 'dm:open', { userIds: ['0123456789abcdef01234567'] }))).toBe(
      'NOT_FOUND',
    );
    expect(errorCode(await call(a1, 'dm:open', { userIds: [alice.id] }))).toBe('VALIDATION_ERROR');
  });

  it('lets nobody else read a DM, moderators included', async () => {
    const dm = (await ok(a1, 'dm:open', { userIds: [bob.id] })).conversation;
    const sent = await ok(a1, 'message:send', {
      conversationId: dm.id,
      clientId: clientId(),
      text: 'Vain sinulle',
    });
    const modSees = collect(m, 'message:created');
    for (const sock of [m, c]) {
      expect(errorCode(await call(sock, 'message:history', { conversationId: dm.id }))).toBe(
        'NOT_FOUND',
      );
      expect(
        errorCode(
          await call(sock, 'conversation:sync', { conversationId: dm.id, sinceChangeSeq: 0 }),
        ),
      ).toBe('NOT_FOUND');
      expect(errorCode(await call(sock, 'conversation:members', { conversationId: dm.id }))).toBe(
        'NOT_FOUND',
      );
      expect(errorCode(await call(sock, 'message:delete', { messageId: sent.message.id }))).toBe(
        'NOT_FOUND',
      );
      expect(errorCode(await call(sock, 'message:edits', { messageId: sent.message.id }))).toBe(
        'NOT_FOUND',
      );
    }
    await ok(b, 'message:send', { conversationId: dm.id, clientId: clientId(), text: 'Kiitos' });
    await barrier(server, m);
    expect(modSees).toHaveLength(0);
    expect(errorCode(await call(a1, 'channel:leave', { conversationId: dm.id }))).toBe('FORBIDDEN');
  });

  it('lets guests start DMs only with people who share a channel with them', async () => {
    const stranger = await createUser(server.application);
    expect(errorCode(await call(g, 'dm:open', { userIds: [stranger.id] }))).toBe('NOT_FOUND');
    // The guest was invited (earlier test) to a channel with Alice and Bob.
    expect((await ok(g, 'dm:open', { userIds: [bob.id] })).conversation.kind).toBe('dm');
  });
});

describe('approval hook', () => {
  it('adds a newly approved person (a guest expert here) to the channels the moderator chose, and tells the members', async () => {
    const newGuest = await createUser(server.application, { role: 'guest', name: 'Uusi Vieras' });
    const socket = await connectReady(server, newGuest.cookie);
    const channel = (
      await ok(m, 'channel:create', { name: 'Asiantuntijavierailu', visibility: 'public' })
    ).conversation.id;
    // Not the moderator's to give: the listener applies the invite rule again and skips it.
    const othersPrivate = (
      await ok(a1, 'channel:create', { name: 'Alicen oma hyväksyntä', visibility: 'private' })
    ).conversation.id;
    const added = collect(socket, 'conversation:added');
    const joined = collect(m, 'member:joined');
    const decider = {
      id: mod.id,
      name: mod.name,
      role: 'moderator' as const,
      language: 'fi' as const,
      expert: false,
      guestUntil: null,
      consentVersion: null,
    };
    for (const listener of onUserApproved) {
      await listener(
        {
          userId: newGuest.id,
          decider,
          role: 'guest',
          channelIds: [channel, 'not-an-id', '0123456789abcdef01234567', othersPrivate],
        },
        server.application.app,
      );
    }
    await expect
      .poll(() => added.length === 1 && joined.length === 1, {
        timeout: 3000,
        message: 'added by approval',
      })
      .toBe(true);
    expect((await ok(socket, 'conversation:list', {})).conversations.map((x) => x.id)).toEqual([
      channel,
    ]);
  });
});

describe('people:search', () => {
  it('finds people by name prefix; guests only among their channel peers', async () => {
    expect((await ok(a1, 'people:search', { query: 'carol' })).people.map((p) => p.id)).toEqual([
      carol.id,
    ]);
    expect((await ok(g, 'people:search', { query: 'carol' })).people).toEqual([]);
    expect((await ok(g, 'people:search', { query: 'bob' })).people.map((p) => p.id)).toEqual([
      bob.id,
    ]);
    expect((await ok(a1, 'people:search', { query: '.*' })).people).toEqual([]);
  });
});

describe('contract', () => {
  it('emitted only events that match the protocol', () => {
    expect(server.contractViolations).toEqual([]);
    expect(rooms.conversation('x')).toBe('conversation:x');
  });
});
