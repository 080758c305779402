import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api } from '../test/access-helpers.js';
import { startTestServer, type TestServer } from '../test/harness.js';

/**
 * Behind nginx (TRUST_PROXY), the client address is the one nginx appends to X-Forwarded-For.
 * Whatever the client wrote in front of it is the client's own choice and must not count.
 */
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ TRUST_PROXY: 'true' });
});
afterAll(() => server.close());

describe('the client address behind the proxy', () => {
  it('is the hop the proxy added, so a forged X-Forwarded-For cannot dodge a per-address limit', async () => {
    const statuses: number[] = [];
    // The reset-link limit is 10 an hour per client address.
    for (let i = 1; i <= 12; i++) {
      const res = await api(server, 'POST', '/auth/password-reset', {
        body: { email: `nobody${i}@example.test` },
        ip: `198.18.0.${i}, 10.77.0.1`,
      });
      statuses.push(res.status);
    }
    expect(statuses.slice(0, 10).every((s) => s === 202)).toBe(true);
    expect(statuses.slice(10)).toEqual([429, 429]);
  });

  it("lets the applicant's status page poll without using up the address's budget for links", async () => {
    const ip = '10.77.0.2';
    for (let i = 0; i < 70; i++) {
      const res = await api(server, 'POST', '/join-requests/status', {
        body: { token: randomBytes(32).toString('base64url') },
        ip,
      });
      expect(res.status).not.toBe(429);
    }
    // A link opened from the same school network still works (here: an unknown token).
    const res = await api(server, 'POST', '/join-requests/verify', {
      body: { token: randomBytes(32).toString('base64url') },
      ip,
    });
    expect(res.body).toMatchObject({ code: 'TOKEN_INVALID' });
  });
});
