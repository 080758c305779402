import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../test/factories.js';
import { apiRoutes } from '../test/hostile-input.js';
import { startWholeServer, type WholeServer } from '../test/whole-server.js';

/**
 * A person's own data must not stay in a shared computer's browser cache or a proxy: every
 * /api/me/* answer says `Cache-Control: no-store`, successes and errors alike, signed in or
 * not. Routes are read from the protocol's table, so a new /api/me route is covered at once.
 */
let server: WholeServer;
beforeAll(async () => {
  server = await startWholeServer();
});
afterAll(() => server.close());

const ID = '0123456789abcdef01234567';

describe('/api/me/*', () => {
  it('every route of the table answers with Cache-Control: no-store', async () => {
    const routes = apiRoutes().filter((r) => r.path.startsWith('/api/me/'));
    expect(routes.map((r) => `${r.method} ${r.path}`)).toEqual(
      expect.arrayContaining(['GET /api/me/sessions', 'GET /api/me/profile']),
    );
    for (const route of routes) {
      // A fresh person per route: /me/delete or revoking a session must not spoil the next.
      const user = await createUser(server.application);
      const path = route.path.replace(/:\w+/g, ID);
      for (const cookie of [user.cookie, undefined]) {
        for (const url of [path, path.replace('/api/me/', '/api/ME/')]) {
          const res = await fetch(server.url + url, {
            method: route.method,
            headers: {
              origin: 'http://localhost:3999',
              ...(cookie ? { cookie } : {}),
              ...(route.method === 'GET' ? {} : { 'content-type': 'application/json' }),
            },
            ...(route.method === 'GET' ? {} : { body: '{}' }),
          });
          const where = `${route.method} ${url} ${cookie ? 'signed in' : 'signed out'} -> ${res.status}`;
          expect(res.status, where).toBeLessThan(500);
          expect(res.headers.get('cache-control'), where).toBe('no-store');
        }
      }
    }
  });

  it('GET /api/session (who is signed in) is not cacheable, signed in or not', async () => {
    const user = await createUser(server.application);
    for (const cookie of [user.cookie, undefined]) {
      const res = await fetch(`${server.url}/api/session`, { headers: cookie ? { cookie } : {} });
      expect(res.status).toBe(cookie ? 200 : 204);
      expect(res.headers.get('cache-control')).toBe('no-store');
    }
  });

  it('a signed-in read of the profile is not cacheable', async () => {
    const user = await createUser(server.application);
    const res = await fetch(`${server.url}/api/me/profile`, { headers: { cookie: user.cookie } });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
  });

  it('a malformed body or id to /api/me is refused with no-store too', async () => {
    const user = await createUser(server.application);
    const bad = await fetch(`${server.url}/api/me/profile`, {
      method: 'PATCH',
      headers: { cookie: user.cookie, 'content-type': 'application/json' },
      body: '{"broken',
    });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('cache-control')).toBe('no-store');
    const id = await fetch(`${server.url}/api/me/sessions/%E0%A4%A`, {
      method: 'DELETE',
      headers: { cookie: user.cookie },
    });
    expect(id.status).toBe(400);
    expect(id.headers.get('cache-control')).toBe('no-store');
  });
});
