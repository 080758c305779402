import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../test/factories.js';
import { startTestServer, type TestServer } from '../test/harness.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ SOCKET_EVENT_RATE: '5', SOCKET_EVENT_BURST: '10' });
});
afterAll(() => server.close());

const codesOf = (acks: { ok: boolean; error?: { code: string } }[]) =>
  acks.map((a) => (a.ok ? 'OK' : a.error?.code));

describe('per-connection event throttle', () => {
  it('refuses events beyond the burst unparsed, leaves other people alone, and refills', async () => {
    const alice = await createUser(server.application);
    const bob = await createUser(server.application);
    const a = await server.connect({ cookie: alice.cookie });
    const b = await server.connect({ cookie: bob.cookie });
    const acks = await Promise.all(
      Array.from({ length: 40 }, () => a.timeout(3000).emitWithAck('session:whoami', {})),
    );
    const codes = codesOf(acks);
    const accepted = codes.filter((c) => c === 'OK').length;
    expect(accepted).toBeGreaterThanOrEqual(10);
    expect(accepted).toBeLessThanOrEqual(12);
    expect(codes.filter((c) => c === 'RATE_LIMITED')).toHaveLength(40 - accepted);
    expect(acks.find((x) => !x.ok)).toMatchObject({ error: { retryAfter: 1 } });
    // Someone else on the same server is not affected.
    expect((await b.timeout(2000).emitWithAck('session:whoami', {})).ok).toBe(true);
    // Tokens come back at the configured rate.
    await new Promise((r) => setTimeout(r, 1100));
    expect((await a.timeout(2000).emitWithAck('session:whoami', {})).ok).toBe(true);
    expect(a.connected).toBe(true);
  });

  it('closes a connection that keeps flooding, and keeps its person out for a while', async () => {
    const mallory = await createUser(server.application);
    const m = await server.connect({ cookie: mallory.cookie });
    let disconnected = false;
    m.on('disconnect', () => (disconnected = true));
    for (let i = 0; i < 1000 && m.connected; i += 1) m.emit('session:whoami', {}, () => {});
    await expect
      .poll(() => disconnected, { timeout: 5000, message: 'flooder disconnected' })
      .toBe(true);
    const metrics = await fetch(`${server.url}/metrics`).then((r) => r.text());
    expect(metrics).toMatch(/^yt_socket_flood_disconnects_total [1-9]/m);
    const again = await server.connect({ cookie: mallory.cookie, expectError: true });
    expect(again.connected).toBe(false);
    // Only the flooder: an honest person still gets in.
    const honest = await createUser(server.application);
    expect((await server.connect({ cookie: honest.cookie })).connected).toBe(true);
  });
});
