import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../test/factories.js';
import type { TestServer } from '../../test/harness.js';
import type { SmtpCatcher } from '../../test/smtp-catcher.js';
import {
  api,
  mailsTo,
  tokenOf,
  startServerWithMail,
  stopServerWithMail,
} from '../../test/access-helpers.js';

let server: TestServer;
let smtp: SmtpCatcher;

beforeAll(async () => {
  ({ server, smtp } = await startServerWithMail());
});
afterAll(() => stopServerWithMail({ server, smtp }));

const PASSWORD = 'pitkä ja hyvä salasana';

const withPassword = () => createUser(server.application, { password: PASSWORD });

/** Asks for a reset link over HTTP and returns its token from the caught mail. */
async function resetLink(email: string, nth: number): Promise<string> {
  const res = await api(server, 'POST', '/auth/password-reset', { body: { email } });
  expect(res.status).toBe(202);
  const mails = await mailsTo(smtp, email, nth);
  return tokenOf(mails[nth - 1]!.link);
}

const signIn = (email: string, password: string) =>
  api(server, 'POST', '/auth/sign-in', { body: { email, password } });

describe('password links after a change of password', () => {
  it('a reset link sent before the password was changed is refused (TOKEN_REVOKED)', async () => {
    const u = await withPassword();
    const old = await resetLink(u.email, 1);
    const changed = await api(server, 'POST', '/auth/change-password', {
      cookie: u.cookie,
      body: { currentPassword: PASSWORD, newPassword: 'vaihdettu ja vahva salasana' },
    });
    expect(changed.status).toBe(200);

    const check = await api(server, 'POST', '/auth/password/check-token', { body: { token: old } });
    expect(check.status).toBe(410);
    expect(check.body.code).toBe('TOKEN_REVOKED');
    const use = await api(server, 'POST', '/auth/password', {
      body: { token: old, password: 'vieraan asettama salasana' },
    });
    expect(use.status).toBe(410);
    expect(use.body.code).toBe('TOKEN_REVOKED');
    expect(use.cookie).toBeNull();
    expect((await signIn(u.email, 'vieraan asettama salasana')).status).toBe(401);
    expect((await signIn(u.email, 'vaihdettu ja vahva salasana')).status).toBe(200);

    // A link asked for after the change still works.
    const fresh = await resetLink(u.email, 2);
    const ok = await api(server, 'POST', '/auth/password', {
      body: { token: fresh, password: 'uusin salasana kaikista' },
    });
    expect(ok.status).toBe(200);
  });

  it('resetting through one link voids the other outstanding links', async () => {
    const u = await withPassword();
    const first = await resetLink(u.email, 1);
    const second = await resetLink(u.email, 2);
    const reset = await api(server, 'POST', '/auth/password', {
      body: { token: second, password: 'toisella linkillä asetettu' },
    });
    expect(reset.status).toBe(200);

    const use = await api(server, 'POST', '/auth/password', {
      body: { token: first, password: 'ensimmäisellä linkillä' },
    });
    expect(use.status).toBe(410);
    expect(use.body.code).toBe('TOKEN_REVOKED');
    const again = await api(server, 'POST', '/auth/password', {
      body: { token: second, password: 'ensimmäisellä linkillä' },
    });
    expect(again.body.code).toBe('TOKEN_USED');
    expect((await signIn(u.email, 'toisella linkillä asetettu')).status).toBe(200);
  });
});
