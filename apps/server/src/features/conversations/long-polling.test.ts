/**
 * A whole conversation over long-polling alone, the way a browser talks whose network blocks
 * WebSockets (issue 9): against a server process from the built dist/main.js, so a crash on
 * the polling path (the held poll that Express also answered, fixed in app.ts) ends the
 * process and this test with it. Needs a build first:
 * `npx turbo run build --filter=@yhteistyotila/server`.
 */
import { randomUUID } from 'node:crypto';
import { PROTOCOL_VERSION } from '@yhteistyotila/protocol';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createUser, type TestUser } from '../../test/factories.js';
import {
  collect,
  startTestServer,
  transportOf,
  type TestServer,
  type TestSocket,
} from '../../test/harness.js';
import { sleep } from '../../lib/time.js';
import {
  assertBuilt,
  connectTo,
  ConversationReplica,
  startRedis,
  startServerProcess,
  type Redis,
  type ServerProcess,
} from './multi-process.js';
import { ok } from '../../test/sockets.js';

let redis: Redis;
let server: TestServer;
let node: ServerProcess;
const violations: string[] = [];
const sockets: TestSocket[] = [];

beforeAll(async () => {
  assertBuilt();
  redis = await startRedis();
  // The in-test server only makes the people; every socket talks to the process.
  server = await startTestServer();
  node = await startServerProcess({
    mongoUri: inject('mongoUri'),
    dbName: server.dbName,
    redisUrl: redis.url,
  });
}, 120_000);

afterAll(async () => {
  for (const s of sockets) s.disconnect();
  await node?.stop();
  await server?.close();
  await redis?.stop();
}, 60_000);

/** Connects over long-polling only; fails unless the socket really polls. */
async function connect(user: TestUser): Promise<TestSocket> {
  const socket = await connectTo(node.url, user.cookie, violations, 'polling');
  sockets.push(socket);
  expect(transportOf(socket)).toBe('polling');
  return socket;
}

const send = (socket: TestSocket, conversationId: string, text: string) =>
  ok(socket, 'message:send', { conversationId, clientId: randomUUID(), text });

const alive = async () => (await fetch(`${node.url}/healthz`)).status;

describe('a conversation over long-polling only', () => {
  it('connects, sends and receives both ways, and catches up after a dropped client and a killed process', async () => {
    const [alice, bob] = await Promise.all([
      createUser(server.application),
      createUser(server.application),
    ]);
    let aliceSocket = await connect(alice);
    let bobSocket = await connect(bob);

    // Bob is invited while connected: his socket joins the room without a reconnect.
    const added = collect(bobSocket, 'conversation:added');
    const conv = (
      await ok(aliceSocket, 'channel:create', {
        name: `Pollaus ${randomUUID().slice(0, 6)}`,
        visibility: 'private',
      })
    ).conversation.id;
    await ok(aliceSocket, 'channel:invite', { conversationId: conv, userIds: [bob.id] });
    await expect
      .poll(() => added.some((a) => a.conversation.id === conv), {
        timeout: 5000,
        message: 'bob added',
      })
      .toBe(true);

    // Live, both ways. Bob's view is kept the way the web client keeps it.
    const replica = new ConversationReplica(conv);
    replica.listen(bobSocket);
    const atAlice = collect(aliceSocket, 'message:created');
    await send(aliceSocket, conv, '1 Hei Bob');
    await expect
      .poll(() => replica.messages.size === 1, { timeout: 5000, message: 'alice → bob' })
      .toBe(true);
    await send(bobSocket, conv, '2 Hei Alice');
    await expect
      .poll(() => atAlice.some((c) => c.message.text === '2 Hei Alice'), {
        timeout: 5000,
        message: 'bob → alice',
      })
      .toBe(true);
    await expect
      .poll(() => replica.messages.size === 2, { timeout: 5000, message: "bob's own message" })
      .toBe(true);

    // Idle with polls held open: the old server crashed about a second after the first one.
    await sleep(1500);
    expect(await alive()).toBe(200);
    expect(aliceSocket.connected && bobSocket.connected).toBe(true);

    // Bob's client drops; what Alice writes meanwhile comes back through catch-up.
    bobSocket.disconnect();
    for (const text of ['3 Oletko siellä?', '4 Kokous on torstaina', '5 Kuittaa kun näet'])
      await send(aliceSocket, conv, text);
    bobSocket = await connect(bob);
    replica.listen(bobSocket);
    await replica.catchUp(bobSocket);
    expect(replica.ordered().map((m) => m.text)).toEqual([
      '1 Hei Bob',
      '2 Hei Alice',
      '3 Oletko siellä?',
      '4 Kokous on torstaina',
      '5 Kuittaa kun näet',
    ]);

    // The process is killed (no shutdown code runs) and restarted: both reconnect over
    // polling; Alice writes before Bob is back, and Bob catches up again.
    const aliceGone = new Promise((r) => aliceSocket.once('disconnect', r));
    const bobGone = new Promise((r) => bobSocket.once('disconnect', r));
    await node.kill();
    await Promise.all([aliceGone, bobGone]);
    await node.restart();
    aliceSocket = await connect(alice);
    await send(aliceSocket, conv, '6 Palvelin kävi alhaalla');
    bobSocket = await connect(bob);
    replica.listen(bobSocket);
    await replica.catchUp(bobSocket);
    const live = collect(aliceSocket, 'message:created');
    await send(bobSocket, conv, '7 Nyt toimii taas');
    await expect
      .poll(() => live.some((c) => c.message.text === '7 Nyt toimii taas'), {
        timeout: 5000,
        message: 'bob → alice after the restart',
      })
      .toBe(true);
    await expect
      .poll(() => replica.messages.size === 7, {
        timeout: 5000,
        message: "bob's own message after the restart",
      })
      .toBe(true);

    // Every message exactly once, in order, and equal to the stored truth.
    const ordered = replica.ordered();
    expect(ordered.map((m) => m.text.slice(0, 1))).toEqual(['1', '2', '3', '4', '5', '6', '7']);
    const truth = await ok(bobSocket, 'conversation:sync', {
      conversationId: conv,
      sinceChangeSeq: 0,
    });
    expect(ordered).toEqual(truth.messages);
    expect(await alive()).toBe(200);
    expect(violations).toEqual([]);
  });

  it('keeps serving after broken payloads posted straight into polling sessions', async () => {
    const user = await createUser(server.application);
    const headers = { cookie: user.cookie };
    /** A signed-in polling session, opened by hand: its URL for further POSTs. */
    const session = async () => {
      const open = await fetch(`${node.url}/socket.io/?EIO=4&transport=polling`, { headers });
      const { sid } = JSON.parse((await open.text()).slice(1)) as { sid: string };
      const url = `${node.url}/socket.io/?EIO=4&transport=polling&sid=${sid}`;
      const connect = `40${JSON.stringify({ protocolVersion: PROTOCOL_VERSION })}`;
      await fetch(url, { method: 'POST', headers, body: connect });
      return url;
    };
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    // Engine.IO payloads: packets joined by the record separator, binary as "b" + base64.
    const payloads = [
      '',
      '\x1e',
      '\x1e\x1e4',
      '9',
      'b',
      'b!!!not base64',
      '4\x1e9\x1eb',
      '0',
      '2probe',
      '5',
      '6',
      '42["session:whoami"',
      '42[1,2]',
      '42"session:whoami"',
      '42["constructor",{"prototype":{"polluted":true}}]',
      '4299999999999999999999999["session:whoami",{}]',
      '451-["session:whoami",{"_placeholder":true,"num":99}]',
      `42["session:whoami",${deep}]`,
      '42/nope,["session:whoami",{}]',
      `42["session:whoami",{}]\x1e${'4'.repeat(1000)}`,
      `4${'x'.repeat(300 * 1024)}`,
      '1',
    ];
    for (const body of payloads) {
      const res = await fetch(await session(), { method: 'POST', headers, body });
      expect(res.status, JSON.stringify(body.slice(0, 40))).toBeLessThan(500);
    }
    // The crash of issue 9 came about a second after the fact.
    await sleep(1500);
    expect(await alive()).toBe(200);
    const socket = await connect(user);
    expect((await ok(socket, 'session:whoami', {})).user.id).toBe(user.id);
  });
});
