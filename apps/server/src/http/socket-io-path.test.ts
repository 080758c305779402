import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../test/harness.js';

/**
 * Every request under /socket.io/ belongs to Engine.IO alone. When Express answered them too,
 * an anonymous handshake plus one poll made Engine.IO write to a response Express had already
 * ended, and the uncaught ERR_HTTP_HEADERS_SENT stopped the process.
 */
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ SERVE_WEB: 'true' });
});
afterAll(() => server.close());

describe('the /socket.io/ path', () => {
  it('serves an anonymous long-polling handshake and poll from Engine.IO only, and keeps running', async () => {
    const handshake = await fetch(`${server.url}/socket.io/?EIO=4&transport=polling`);
    expect(handshake.status).toBe(200);
    const open = await handshake.text();
    expect(open.startsWith('0{')).toBe(true);
    const { sid } = JSON.parse(open.slice(1)) as { sid: string };

    // The poll is held open by Engine.IO until it has something to send (Express used to
    // answer it at once with a 404). Posting a Socket.IO CONNECT releases it with the refusal.
    const poll = fetch(`${server.url}/socket.io/?EIO=4&transport=polling&sid=${sid}`);
    await new Promise((r) => setTimeout(r, 300));
    const post = await fetch(`${server.url}/socket.io/?EIO=4&transport=polling&sid=${sid}`, {
      method: 'POST',
      body: '40{"protocolVersion":0}',
    });
    expect(post.status).toBe(200);
    const polled = await poll;
    expect(polled.status).toBe(200);
    expect(polled.headers.get('content-type')).not.toMatch(/json/);
    expect(await polled.text()).toMatch(/^44/); // CONNECT_ERROR from our handshake middleware

    // A process that survived answers the next request (the crash came about a second later).
    await new Promise((r) => setTimeout(r, 1500));
    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).toBe(200);
  });

  it('answers an unknown session id with an Engine.IO error, not an Express page', async () => {
    const res = await fetch(`${server.url}/socket.io/?EIO=4&transport=polling&sid=nope`);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ code: 1, message: 'Session ID unknown' });
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });
});

describe('methods Engine.IO does not use', () => {
  it('refuses them on a live session with a 400, not a 500, and the session lives on', async () => {
    const handshake = await fetch(`${server.url}/socket.io/?EIO=4&transport=polling`);
    const { sid } = JSON.parse((await handshake.text()).slice(1)) as { sid: string };
    const session = `${server.url}/socket.io/?EIO=4&transport=polling&sid=${sid}`;
    for (const method of ['PUT', 'DELETE', 'PATCH', 'OPTIONS']) {
      const res = await fetch(session, { method });
      expect(res.status, method).toBe(400);
      expect(await res.json()).toMatchObject({ code: 3, message: 'Bad request' });
    }
    const noSession = await fetch(`${server.url}/socket.io/?EIO=4&transport=polling`, {
      method: 'PUT',
    });
    expect(noSession.status).toBe(400);
    // GET and POST still work on the same session.
    const post = await fetch(session, { method: 'POST', body: '40{"protocolVersion":0}' });
    expect(post.status).toBe(200);
    const poll = await fetch(session);
    expect(poll.status).toBe(200);
    expect(await poll.text()).toMatch(/^44/);
  });
});
