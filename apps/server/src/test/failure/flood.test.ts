import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, clientId, connectReady, errorCode, ok } from '../sockets.js';
import { createUser } from '../factories.js';
import { collect, startTestServer, type TestServer } from '../harness.js';

/**
 * A flood from one person is throttled with RATE_LIMITED (and a retryAfter) while the others
 * in the same channel keep sending and receiving. The latency side (others' p99 within 1.2×)
 * is measured under load by the bench (`npm run bench -- --only=flood`).
 */
let server: TestServer;
beforeAll(async () => {
  // The product's own limits (the harness raises them for tests that post quickly).
  server = await startTestServer({ MESSAGE_SEND_BURST: '5' });
});
afterAll(() => server.close());

describe('flood', () => {
  it('throttles one flooding person without refusing anyone else', async () => {
    const [owner, flooder, calm] = await Promise.all([
      createUser(server.application, { role: 'moderator' }),
      createUser(server.application),
      createUser(server.application),
    ]);
    const [o, f, c] = await Promise.all([
      connectReady(server, owner.cookie),
      connectReady(server, flooder.cookie),
      connectReady(server, calm.cookie),
    ]);
    const { conversation } = await ok(o, 'channel:create', { name: 'tulva', visibility: 'public' });
    const conversationId = conversation.id;
    await Promise.all([
      ok(f, 'channel:join', { conversationId }),
      ok(c, 'channel:join', { conversationId }),
    ]);
    const seenByOwner = collect(o, 'message:created');

    const floodAcks = await Promise.all(
      Array.from({ length: 120 }, (_, i) =>
        call(f, 'message:send', { conversationId, clientId: clientId(), text: `tulva ${i}` }),
      ),
    );
    const codes = floodAcks.map(errorCode);
    const accepted = codes.filter((x) => x === 'OK').length;
    expect(accepted).toBeGreaterThan(0);
    // 120 at once: the one-second burst limit (5) bites before the ten-second one (30).
    expect(accepted).toBeLessThanOrEqual(5);
    expect(codes.filter((x) => x === 'RATE_LIMITED').length).toBe(120 - accepted);
    const limited = floodAcks.find((a) => !a.ok);
    expect(limited && !limited.ok && limited.error.retryAfter).toBeGreaterThan(0);

    // Someone else in the same channel is unaffected, and their messages arrive.
    const calmIds: string[] = [];
    for (let i = 0; i < 5; i += 1) {
      const res = await call(c, 'message:send', {
        conversationId,
        clientId: clientId(),
        text: `rauhallinen ${i}`,
      });
      expect(errorCode(res)).toBe('OK');
      if (res.ok) calmIds.push(res.data.message.id);
    }
    await expect
      .poll(() => calmIds.every((id) => seenByOwner.some((m) => m.message.id === id)), {
        timeout: 5000,
        message: 'calm messages delivered',
      })
      .toBe(true);
    // Exactly the accepted flood messages were stored and delivered, no more.
    await expect
      .poll(() => seenByOwner.length === accepted + calmIds.length, {
        timeout: 5000,
        message: 'deliveries counted',
      })
      .toBe(true);
    expect(server.contractViolations).toEqual([]);
  });
});
