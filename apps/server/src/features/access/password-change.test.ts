import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../test/factories.js';
import { collect, startTestServer, type TestServer } from '../../test/harness.js';
import { api } from '../../test/access-helpers.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ TRUST_PROXY: 'true' });
});
afterAll(() => server.close());

const PASSWORD = 'pitkä ja hyvä salasana';

describe('changing the password', () => {
  it('signs out the other devices saying why, and keeps this one signed in', async () => {
    const { email } = await createUser(server.application, { password: PASSWORD });
    const signIn = () =>
      api(server, 'POST', '/auth/sign-in', { body: { email, password: PASSWORD } });
    const here = (await signIn()).cookie!;
    const there = (await signIn()).cookie!;
    const hereSocket = await server.connect({ cookie: here });
    const thereSocket = await server.connect({ cookie: there });
    const hereEnded = collect(hereSocket, 'session:revoked');
    const thereEnded = collect(thereSocket, 'session:revoked');

    const res = await api(server, 'POST', '/auth/change-password', {
      cookie: here,
      body: { currentPassword: PASSWORD, newPassword: 'toinen yhtä hyvä salasana' },
    });
    expect(res.status).toBe(200);
    await expect
      .poll(() => thereEnded.length + hereEnded.length, { timeout: 3000, message: 'both told' })
      .toBe(2);
    expect(thereEnded).toEqual([{ reason: 'password-changed' }]);
    // This device: its old session is replaced, not a sign-out ("rotated": nothing to show).
    expect(hereEnded).toEqual([{ reason: 'rotated' }]);
    expect((await api(server, 'GET', '/session', { cookie: res.cookie })).status).toBe(200);
    expect((await api(server, 'GET', '/session', { cookie: here })).status).toBe(204);
    expect((await api(server, 'GET', '/session', { cookie: there })).status).toBe(204);
  });
});
