import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../test/factories.js';
import {
  linesWithPaths,
  startWholeServer,
  warnings,
  type WholeServer,
} from '../test/whole-server.js';

/**
 * Ordinary bad requests are the client's mistake: a 404 or 400 with a typed body, nothing
 * above info in the log, and no file path anywhere in it. They used to be 500s logged at error
 * level with the web build's path on disk (send's ENOENT and 403, the router's URIError).
 */
const SECRET = 'thisisthesessioncookievalue';
let server: WholeServer;
beforeAll(async () => {
  server = await startWholeServer();
});
afterAll(() => server.close());

const cases: [path: string, status: number, code: string][] = [
  ['/assets/does-not-exist.js', 404, 'NOT_FOUND'],
  ['/assets/..%2f..%2fpackage.json', 404, 'NOT_FOUND'],
  ['/assets/..%2f..%2f..%2f..%2fetc%2fpasswd', 404, 'NOT_FOUND'],
  ['/assets/%E0%A4%A', 404, 'NOT_FOUND'],
  ['/assets/', 404, 'NOT_FOUND'],
  ['/assets', 404, 'NOT_FOUND'],
  ['/api/me/sessions/%E0%A4%A', 400, 'VALIDATION_ERROR'],
  ['/api/me/sessions/%', 400, 'VALIDATION_ERROR'],
  ['/api/%E0%A4%A', 404, 'NOT_FOUND'],
  ['/metrics/x', 404, 'NOT_FOUND'],
];

describe('ordinary bad requests to the whole server', () => {
  for (const [path, status, code] of cases) {
    it(`GET ${path} -> ${status} ${code}, quietly`, async () => {
      const before = server.logs.length;
      const res = await fetch(server.url + path);
      expect(res.status).toBe(status);
      expect(await res.json()).toMatchObject({ code });
      const lines = server.logs.slice(before);
      expect(lines.filter((l) => l.level > 30)).toEqual([]);
    });
  }

  it('answers other methods on assets and pages with a 404, not a 5xx', async () => {
    for (const [method, path] of [
      ['POST', '/assets/app-test.js'],
      ['DELETE', '/assets/does-not-exist.js'],
      ['PUT', '/'],
      ['DELETE', '/some/page'],
    ] as const) {
      const res = await fetch(server.url + path, { method });
      expect(res.status, `${method} ${path}`).toBe(404);
    }
  });

  it('still serves the real asset and the app shell', async () => {
    const asset = await fetch(`${server.url}/assets/app-test.js`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toContain('immutable');
    const page = await fetch(`${server.url}/some/page/%E0%A4%A`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<!doctype html>');
  });

  it('reads the session past a cookie that cannot be decoded, and refuses only the bad one', async () => {
    const user = await createUser(server.application);
    const stray = 'other_app=%E0%A4%A';
    const signedIn = await fetch(`${server.url}/api/me/profile`, {
      headers: { cookie: `${stray}; ${user.cookie}; x=%` },
    });
    expect(signedIn.status).toBe(200);
    for (const cookie of [stray, 'auth_session=%E0%A4%A', '%=%; %%']) {
      const res = await fetch(`${server.url}/api/me/profile`, { headers: { cookie } });
      expect(res.status, cookie).toBe(401);
      expect(await res.json()).toMatchObject({ code: 'UNAUTHENTICATED' });
    }
  });

  it('ends a kept-alive connection that carries bytes which are not HTTP, quietly', async () => {
    // Node's parser error reached the handler still sending the answer and was logged at
    // error level, raw bytes (session cookie included) and all. Timing decides when it
    // arrives, so several paths and delays.
    const before = server.logs.length;
    const { port, hostname } = new URL(server.url);
    const garbageAfter = (path: string, delay: number) =>
      new Promise<void>((resolve) => {
        const socket = connect(Number(port), hostname, () => {
          socket.write(`GET ${path} HTTP/1.1\r\nHost: x\r\nCookie: yt_session=${SECRET}\r\n\r\n`);
          setTimeout(() => socket.write('40{"protocolVersion":"x"}'), delay);
        });
        socket.on('data', () => undefined);
        socket.on('close', () => resolve());
        socket.on('error', () => resolve());
      });
    for (const delay of [0, 0, 0, 1, 1, 1, 2, 2, 3, 3, 5, 5, 8, 8])
      for (const path of ['/some/page', '/assets/app-test.js', '/favicon.svg', '/assets/nope.js'])
        await garbageAfter(path, delay);
    await new Promise((r) => setTimeout(r, 200));
    const lines = server.rawLogs.slice(before);
    expect(server.logs.slice(before).filter((l) => l.level > 30)).toEqual([]);
    expect(lines.filter((l) => l.includes(SECRET) || l.includes('rawPacket'))).toEqual([]);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });

  it('logged nothing above info and no file path in all of the above', () => {
    expect(warnings(server)).toEqual([]);
    expect(linesWithPaths(server)).toEqual([]);
  });
});
