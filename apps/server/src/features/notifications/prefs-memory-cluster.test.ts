/**
 * Notification settings kept in memory (prefs-memory.ts) stay right across real server
 * processes: settings changed through one process decide the very next notification made by
 * the other, whose memory had just used the old ones. Two processes from the built
 * dist/main.js on one Redis and one database; needs `npx turbo run build --filter=@yhteistyotila/server`.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createUser } from '../../test/factories.js';
import { sleep } from '../../test/harness.js';
import { ok } from '../../test/sockets.js';
import { useProcessCluster } from '../../test/clusters.js';
import { startRedis } from '../conversations/multi-process.js';
import { NotificationModel } from './notification.model.js';

const nodes = useProcessCluster(startRedis);

describe('notification settings from memory, with two server processes', () => {
  it('turning DM notifications off through one process silences the next DM sent through the other', async () => {
    const { server, nodeA, nodeB, connect } = nodes;
    const [sender, recipient] = await Promise.all([
      createUser(server.application),
      createUser(server.application),
    ]);
    const senderA = await connect(nodeA.url, sender!);
    const recipientB = await connect(nodeB.url, recipient!);
    const dm = (await ok(senderA, 'dm:open', { userIds: [recipient!.id] })).conversation.id;
    const dmRows = () =>
      NotificationModel.countDocuments({ recipientId: recipient!.id, kind: 'dm' });
    const send = (text: string) =>
      ok(senderA, 'message:send', { conversationId: dm, clientId: randomUUID(), text });

    // Two DMs: node A reads the recipient's settings for the first and remembers them.
    await send('Hei, ehditkö katsoa?');
    await send('Liitin mukaan pöytäkirjan');
    await expect.poll(dmRows).toBe(2);

    const { prefs } = await ok(recipientB, 'notification:prefs', {});
    prefs.kinds.dm = { inApp: false, email: false, push: false };
    await ok(recipientB, 'notification:setPrefs', { prefs });

    await send('Vielä yksi asia');
    // The notification is made after the ack; give it the time it takes, then some.
    await sleep(1500);
    expect(await dmRows()).toBe(2);
  });
});
