import { PROTOCOL_VERSION } from '@yhteistyotila/protocol';
import { describe, expect, it } from 'vitest';
import { createUser } from '../test/factories.js';
import { useTestServer } from '../test/harness.js';

const server = useTestServer();

describe('socket handshake and handler wrapper', () => {
  it('answers a signed-in client with who it is', async () => {
    const alice = await createUser(server.application, { name: 'Aino' });
    const socket = await server.connect({ cookie: alice.cookie });
    const res = await socket.timeout(2000).emitWithAck('session:whoami', {});
    expect(res).toMatchObject({
      ok: true,
      data: { user: { id: alice.id, name: 'Aino', role: 'member' } },
    });
  });

  it('signs a person in past a stray cookie that cannot be percent-decoded', async () => {
    // Another app on the same domain (or an extension) may set one; Lucia throws on it.
    const alice = await createUser(server.application, { name: 'Aino' });
    const socket = await server.connect({ cookie: `stray=%E0%A4%A; ${alice.cookie}` });
    const res = await socket.timeout(2000).emitWithAck('session:whoami', {});
    expect(res).toMatchObject({ ok: true, data: { user: { id: alice.id } } });
  });

  it('acks a malformed payload with VALIDATION_ERROR and keeps serving', async () => {
    const alice = await createUser(server.application);
    const socket = await server.connect({ cookie: alice.cookie });
    const emitRaw = socket.timeout(2000).emitWithAck as unknown as (
      e: string,
      p: unknown,
    ) => Promise<unknown>;
    for (const bad of ['text', 42, null, [1, 2], { extra: true }]) {
      const res = await emitRaw.call(socket.timeout(2000), 'session:whoami', bad);
      expect(res).toMatchObject({ ok: false, error: { code: 'VALIDATION_ERROR' } });
    }
    const ok = await socket.timeout(2000).emitWithAck('session:whoami', {});
    expect(ok.ok).toBe(true);
    expect(socket.connected).toBe(true);
  });

  it('refuses a command from a socket without a session', async () => {
    const socket = await server.connect();
    const res = await socket.timeout(2000).emitWithAck('session:whoami', {});
    expect(res).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
  });

  it('refuses a browser handshake from a foreign Origin', async () => {
    const socket = await server.connect({ origin: 'https://evil.example', expectError: true });
    expect(socket.connected).toBe(false);
    const allowed = await server.connect({ origin: 'http://localhost:3999' });
    expect(allowed.connected).toBe(true);
  });

  it('tells a client with an old protocol version to reload', async () => {
    const socket = await server.connect({
      protocolVersion: PROTOCOL_VERSION - 1,
      expectError: true,
    });
    const err = await new Promise<Error & { data?: { code: string } }>((resolve) => {
      socket.once('connect_error', resolve);
      socket.connect();
    });
    expect(err.data?.code).toBe('PROTOCOL_MISMATCH');
  });

  it('keeps two clients of one person apart from a stranger', async () => {
    const alice = await createUser(server.application);
    const [a1, a2] = await Promise.all([
      server.connect({ cookie: alice.cookie }),
      server.connect({ cookie: alice.cookie }),
    ]);
    const r1 = await a1.timeout(2000).emitWithAck('session:whoami', {});
    const r2 = await a2.timeout(2000).emitWithAck('session:whoami', {});
    expect(r1.ok && r2.ok && r1.data.user.id === r2.data.user.id).toBe(true);
    expect(server.contractViolations).toEqual([]);
  });
});

describe('HTTP surface', () => {
  it('reports health, readiness and metrics', async () => {
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    const ready = await fetch(`${server.url}/readyz`);
    expect(await ready.json()).toEqual({ ok: true, database: 'ok' });
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    expect(metrics).toContain('yt_socket_connections');
  });

  it('sends a strict content security policy', async () => {
    const res = await fetch(`${server.url}/healthz`);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
  });

  it('refuses a state-changing request from a foreign Origin', async () => {
    const res = await fetch(`${server.url}/api/anything`, {
      method: 'POST',
      headers: { origin: 'https://evil.example', 'content-type': 'application/json' },
      body: '{}',
    });
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ code: 'ORIGIN_REFUSED' });
  });

  it('answers malformed JSON with VALIDATION_ERROR, not a crash', async () => {
    const res = await fetch(`${server.url}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"broken',
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ code: 'VALIDATION_ERROR' });
  });
});
