import {
  NOTIFICATION_KIND_TABLE,
  defaultNotificationPrefs,
  mentionToken,
  notificationSchema,
  type Notification,
} from '@yhteistyotila/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestUser } from '../../test/factories.js';
import { UserModel } from '../../auth/user.model.js';
import {
  barrier,
  collect,
  startTestServer,
  type TestServer,
  type TestSocket,
} from '../../test/harness.js';
import {
  call,
  callRaw,
  clientId,
  connectAllReady,
  createUsers,
  errorCode,
  ok,
} from '../../test/sockets.js';

/*
 * Issue 14, items 1-3: what notifies whom, the centre's read state across tabs, and the
 * settings. Over the transport of the project (server: WebSocket, server-polling: long-polling).
 */

let server: TestServer;
let anna: TestUser, bea: TestUser, cecilia: TestUser, expert: TestUser, mod: TestUser;
let a1: TestSocket, a2: TestSocket, b: TestSocket, c: TestSocket, e: TestSocket, m: TestSocket;
/** A private channel of Bea with Anna and Cecilia. */
let channel: string;

beforeAll(async () => {
  server = await startTestServer();
  [anna, bea, cecilia, expert, mod] = await createUsers(server, [
    { name: 'Anna Ahonen' },
    { name: 'Bea Berg' },
    { name: 'Cecilia Carlsson' },
    { name: 'Eero Asiantuntija', expert: true },
    { name: 'Maija Moderaattori', role: 'moderator' },
  ]);
  [a1, a2, b, c, e, m] = await connectAllReady(server, [anna, anna, bea, cecilia, expert, mod]);
  channel = (await ok(b, 'channel:create', { name: 'Ilmot', visibility: 'private' })).conversation
    .id;
  await ok(b, 'channel:invite', { conversationId: channel, userIds: [anna.id, cecilia.id] });
  await barrier(server, a1, a2, b, c, e, m);
});
afterAll(() => server.close());

const send = (s: TestSocket, conversationId: string, text: string, threadRootId?: string) =>
  ok(s, 'message:send', {
    conversationId,
    clientId: clientId(),
    text,
    ...(threadRootId ? { threadRootId } : {}),
  });
const list = async (s: TestSocket) => ok(s, 'notification:list', {});
const about = (page: { notifications: Notification[] }, messageId: string) =>
  page.notifications.filter((n) => n.link.endsWith(messageId));

describe('what notifies', () => {
  it('a mention: exactly one notification, to the one mentioned, live to both tabs', async () => {
    const tab1 = collect(a1, 'notification:created');
    const tab2 = collect(a2, 'notification:created');
    const other = collect(c, 'notification:created');
    const { message } = await send(b, channel, `Hei ${mentionToken('Anna Ahonen')}, katso tämä`);
    await barrier(server, a1, a2, c);
    expect(tab1).toHaveLength(1);
    expect(tab2).toHaveLength(1);
    expect(other).toHaveLength(0);
    const n = notificationSchema.parse(tab1[0]!.notification);
    expect(n).toMatchObject({
      kind: 'mention',
      actor: { id: bea.id, name: 'Bea Berg' },
      text: 'Hei @Anna Ahonen, katso tämä',
      where: 'Ilmot',
      link: `/c/${channel}/m/${message.id}`,
      readAt: null,
    });
    expect(about(await list(a1), message.id)).toHaveLength(1);
    expect(about(await list(c), message.id)).toHaveLength(0);
    expect(about(await list(b), message.id)).toHaveLength(0);
  });

  it('a DM: one notification to the other participant, none to the sender', async () => {
    const dm = (await ok(c, 'dm:open', { userIds: [anna.id] })).conversation.id;
    const heard = collect(a1, 'notification:created');
    const { message } = await send(c, dm, 'Moi Anna');
    await barrier(server, a1);
    expect(heard.map((h) => h.notification.kind)).toEqual(['dm']);
    expect(about(await list(a1), message.id)).toHaveLength(1);
    expect(about(await list(c), message.id)).toHaveLength(0);
  });

  it('a deleted message leaves the bell with its words', async () => {
    const { message } = await send(b, channel, `${mentionToken('Anna Ahonen')} tämä oli virhe`);
    await barrier(server, a1);
    expect(about(await list(a1), message.id)).toHaveLength(1);
    await ok(b, 'message:delete', { messageId: message.id });
    expect(about(await list(a1), message.id)).toHaveLength(0);
  });

  it('a reply in a thread I follow notifies me; mentioned in it, I get the mention only', async () => {
    const root = (await send(a1, channel, 'Aloitan ketjun')).message;
    const heard = collect(a1, 'notification:created');
    const reply = (await send(b, channel, 'Vastaus', root.id)).message;
    const mention = (await send(c, channel, `${mentionToken('Anna Ahonen')} tässä`, root.id))
      .message;
    await barrier(server, a1);
    expect(heard.map((h) => h.notification.kind)).toEqual(['thread-reply', 'mention']);
    expect(heard[0]!.notification.text).toBe('Vastaus');
    const page = await list(a1);
    expect(
      page.notifications.filter((n) => n.kind === 'thread-reply' && n.text === 'Vastaus'),
    ).toHaveLength(1);
    expect(about(page, mention.id)).toHaveLength(1);
    void reply;
  });

  it('nothing from a person I blocked', async () => {
    await ok(a1, 'block:add', { userId: cecilia.id });
    const heard = collect(a1, 'notification:created');
    const { message } = await send(c, channel, `${mentionToken('Anna Ahonen')} estetty`);
    await barrier(server, a1);
    expect(heard).toHaveLength(0);
    expect(about(await list(a1), message.id)).toHaveLength(0);
    await ok(a1, 'block:remove', { userId: cecilia.id });
  });

  it('nothing I may no longer see: leaving the channel removes its notifications from my list', async () => {
    const [dora] = await createUsers(server, [{ name: 'Dora Dahl' }]);
    const [d] = await connectAllReady(server, [dora]);
    const room = (await ok(b, 'channel:create', { name: 'Poistuvat', visibility: 'private' }))
      .conversation.id;
    await ok(b, 'channel:invite', { conversationId: room, userIds: [dora.id] });
    const { message } = await send(b, room, `${mentionToken('Dora Dahl')} tule`);
    await barrier(server, d);
    const before = await list(d);
    expect(about(before, message.id)).toHaveLength(1);
    await ok(d, 'channel:leave', { conversationId: room });
    const after = await list(d);
    expect(about(after, message.id)).toHaveLength(0);
    expect(after.unread).toBe(before.unread - 1);
    d.disconnect();
  });

  it('a claim of my question notifies me once; an expert reply is an answer', async () => {
    const { question } = await ok(a1, 'question:ask', {
      clientId: clientId(),
      topic: 'other',
      visibility: 'open',
      title: 'Miten kutsun kunnan?',
      text: 'Kysymys',
    });
    const heard = collect(a1, 'notification:created');
    await ok(e, 'question:claim', { id: question.id });
    await barrier(server, a1);
    expect(heard.map((h) => h.notification.kind)).toEqual(['question-claim']);
    expect(heard[0]!.notification).toMatchObject({
      actor: { id: expert.id },
      text: 'Miten kutsun kunnan?',
      link: `/kysymykset/${question.id}`,
    });
    await ok(e, 'question:reply', { id: question.id, clientId: clientId(), text: 'Näin' });
    await barrier(server, a1);
    expect(heard.map((h) => h.notification.kind)).toEqual(['question-claim', 'question-answer']);
    const page = await list(a1);
    expect(page.notifications.filter((n) => n.link === `/kysymykset/${question.id}`)).toHaveLength(
      2,
    );
  });

  it('a new report reaches the moderators’ bell, not the reporter’s', async () => {
    const heard = collect(m, 'notification:created');
    const mine = collect(b, 'notification:created');
    const { message } = await send(c, channel, 'Asiaton viesti');
    await ok(b, 'report:create', {
      target: { type: 'message', messageId: message.id },
      category: 'spam',
    });
    await barrier(server, m, b);
    expect(heard.map((h) => h.notification.kind)).toEqual(['report']);
    expect(heard[0]!.notification.link).toBe('/ilmoitukset');
    expect(mine).toHaveLength(0);
  });
});

describe('the centre', () => {
  it('a moderator who is no longer staff no longer sees the staff notifications', async () => {
    const [former] = await createUsers(server, [{ name: 'Ville Entinen', role: 'moderator' }]);
    const [asModerator] = await connectAllReady(server, [former!]);
    const heard = collect(asModerator!, 'notification:created');
    const { message } = await send(c, channel, 'Toinen asiaton viesti');
    await ok(b, 'report:create', {
      target: { type: 'message', messageId: message.id },
      category: 'spam',
    });
    await barrier(server, asModerator!);
    expect(heard.map((h) => h.notification.kind)).toEqual(['report']);
    await UserModel.updateOne({ _id: former!.id }, { $set: { role: 'member' } });
    const [asMember] = await connectAllReady(server, [former!]);
    const page = await list(asMember!);
    expect(page.notifications.filter((n) => n.kind === 'report')).toEqual([]);
  });

  it('read state syncs across two sockets of one person', async () => {
    const { message } = await send(b, channel, `${mentionToken('Anna Ahonen')} luitko?`);
    await barrier(server, a1, a2);
    const page = await list(a1);
    const n = about(page, message.id)[0]!;
    const onOther = collect(a2, 'notification:read');
    const res = await ok(a1, 'notification:read', { ids: [n.id] });
    expect(res.unread).toBe(page.unread - 1);
    await barrier(server, a2);
    expect(onOther).toEqual([expect.objectContaining({ ids: [n.id], all: false })]);
    expect(about(await list(a2), message.id)[0]!.readAt).not.toBeNull();
    await ok(a2, 'notification:read', { all: true });
    await barrier(server, a1);
    expect((await list(a1)).unread).toBe(0);
  });

  it('someone else’s notification answers as an absent one; bad input gets VALIDATION_ERROR', async () => {
    const { message } = await send(b, channel, `${mentionToken('Anna Ahonen')} oma`);
    await barrier(server, a1);
    const id = about(await list(a1), message.id)[0]!.id;
    const theirs = await call(c, 'notification:read', { ids: [id] });
    const absent = await call(c, 'notification:read', { ids: ['a'.repeat(24)] });
    expect(errorCode(theirs)).toBe('NOT_FOUND');
    expect(JSON.stringify(theirs)).toBe(JSON.stringify(absent));
    for (const bad of [{}, { ids: [] }, { ids: ['x'] }, { all: false }, null, { before: 'eilen' }])
      expect(errorCode(await callRaw(c, 'notification:read', bad))).toBe('VALIDATION_ERROR');
    expect(errorCode(await callRaw(c, 'notification:list', { before: 'eilen' }))).toBe(
      'VALIDATION_ERROR',
    );
  });
});

describe('settings', () => {
  it('start from the defaults, and a change reaches my other tab', async () => {
    expect((await ok(a1, 'notification:prefs', {})).prefs).toEqual(defaultNotificationPrefs());
    const onOther = collect(a2, 'notification:prefsChanged');
    const prefs = defaultNotificationPrefs();
    prefs.email = { frequency: 'daily', digestHour: 20 };
    prefs.timeZone = 'Europe/Stockholm';
    await ok(a1, 'notification:setPrefs', { prefs });
    await barrier(server, a2);
    expect(onOther.map((p) => p.prefs)).toEqual([prefs]);
    expect((await ok(a2, 'notification:prefs', {})).prefs).toEqual(prefs);
    const bad = { ...prefs, timeZone: 'Kuu/Kraatteri' };
    expect(errorCode(await callRaw(a1, 'notification:setPrefs', { prefs: bad }))).toBe(
      'VALIDATION_ERROR',
    );
  });

  it('a channel set to "nothing" notifies nothing; "mentions only" passes mentions, not replies', async () => {
    const root = (await send(c, channel, 'Ceciliän ketju')).message;
    const prefs = defaultNotificationPrefs();
    prefs.channels = [{ conversationId: channel, level: 'nothing' }];
    await ok(c, 'notification:setPrefs', { prefs });
    const heard = collect(c, 'notification:created');
    await send(b, channel, `${mentionToken('Cecilia Carlsson')} hiljaa`);
    await send(b, channel, 'vastaus hiljaa', root.id);
    await barrier(server, c);
    expect(heard).toHaveLength(0);

    prefs.channels = [{ conversationId: channel, level: 'mentions' }];
    await ok(c, 'notification:setPrefs', { prefs });
    await send(b, channel, `${mentionToken('Cecilia Carlsson')} äänessä`);
    await send(b, channel, 'vastaus ilman mainintaa', root.id);
    await barrier(server, c);
    expect(heard.map((h) => h.notification.kind)).toEqual(['mention']);
  });

  it('a kind turned off in-app is not shown', async () => {
    const prefs = defaultNotificationPrefs();
    prefs.kinds.dm = { inApp: false, email: false, push: false };
    await ok(b, 'notification:setPrefs', { prefs });
    const dm = (await ok(c, 'dm:open', { userIds: [bea.id] })).conversation.id;
    const heard = collect(b, 'notification:created');
    const { message } = await send(c, dm, 'Hiljainen DM');
    await barrier(server, b);
    expect(heard).toHaveLength(0);
    expect(about(await list(b), message.id)).toHaveLength(0);
    expect(NOTIFICATION_KIND_TABLE.dm.mutable).toBe(true);
  });
});
