import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, type TestUser } from '../../test/factories.js';
import { startTestServer, type TestServer } from '../../test/harness.js';
import { startPushFixture, type PushFixture } from '../../test/push-endpoint.js';
import { clientId, connectReady, ok } from '../../test/sockets.js';
import { HOUR } from '../../lib/time.js';
import { NotificationModel } from './notification.model.js';
import { runPushDelivery } from './push-delivery.js';

/**
 * Notifications reach a phone by Web Push (push-delivery.ts): a DM to a person who is away is
 * pushed once its push time comes (after quiet hours), once, and not at all if they read it in
 * the meantime. The push is received, VAPID-checked and decrypted by the test's own push service.
 */
let server: TestServer;
let push: PushFixture;

beforeAll(async () => {
  server = await startTestServer();
  push = await startPushFixture(server.url);
});
afterAll(async () => {
  await push.close();
  await server.close();
});

const subscribe = async (user: TestUser) => (await push.subscribe(user.cookie)).path;
const pushesTo = (path: string) => push.payloadsTo(path);

/** The job's clock a day ahead: past any quiet hours the delivery decision held the push to. */
const later = () => new Date(Date.now() + 24 * HOUR);

describe('notifications by Web Push', () => {
  it('pushes a DM to a person who is away once, opening the DM, with its words hidden by default', async () => {
    const [sender, away] = await Promise.all([
      createUser(server.application, { name: 'Saara Lähettäjä' }),
      createUser(server.application, { name: 'Pia Poissa' }),
    ]);
    const path = await subscribe(away);
    const s = await connectReady(server, sender.cookie);
    const dm = (await ok(s, 'dm:open', { userIds: [away.id] })).conversation.id;
    await ok(s, 'message:send', { conversationId: dm, clientId: clientId(), text: 'Lapsen asia' });
    await expect
      .poll(() => NotificationModel.countDocuments({ recipientId: away.id, pushDue: true }))
      .toBe(1);

    await runPushDelivery(server.application.app, later());
    await expect.poll(() => pushesTo(path).length).toBe(1);
    const [pushed] = pushesTo(path);
    expect(pushed!.url).toContain(dm);
    expect(JSON.stringify(pushed)).not.toContain('Lapsen asia');

    await runPushDelivery(server.application.app, later());
    expect(pushesTo(path)).toHaveLength(1);
  });

  it('sends nothing for a notification read before its push time', async () => {
    const [sender, away] = await Promise.all([
      createUser(server.application, { name: 'Sami Lähettäjä' }),
      createUser(server.application, { name: 'Olli Ohimennen' }),
    ]);
    const path = await subscribe(away);
    const s = await connectReady(server, sender.cookie);
    const dm = (await ok(s, 'dm:open', { userIds: [away.id] })).conversation.id;
    await ok(s, 'message:send', { conversationId: dm, clientId: clientId(), text: 'Huomenna?' });
    await expect
      .poll(() => NotificationModel.countDocuments({ recipientId: away.id, pushDue: true }))
      .toBe(1);

    const reader = await connectReady(server, away.cookie);
    await ok(reader, 'notification:read', { all: true });
    await runPushDelivery(server.application.app, later());
    expect(pushesTo(path)).toEqual([]);
    expect(await NotificationModel.countDocuments({ recipientId: away.id, pushDue: true })).toBe(0);
  });

  it('sends nothing when the sender was blocked before the push time (quiet hours can be long)', async () => {
    const [sender, away] = await Promise.all([
      createUser(server.application, { name: 'Tiina Tunkeilija' }),
      createUser(server.application, { name: 'Kaisa Kotona' }),
    ]);
    const path = await subscribe(away);
    const s = await connectReady(server, sender.cookie);
    const dm = (await ok(s, 'dm:open', { userIds: [away.id] })).conversation.id;
    await ok(s, 'message:send', { conversationId: dm, clientId: clientId(), text: 'Vastaa heti' });
    await expect
      .poll(() => NotificationModel.countDocuments({ recipientId: away.id, pushDue: true }))
      .toBe(1);

    const blocker = await connectReady(server, away.cookie);
    await ok(blocker, 'block:add', { userId: sender.id });
    await runPushDelivery(server.application.app, later());
    expect(pushesTo(path)).toEqual([]);
  });
});
