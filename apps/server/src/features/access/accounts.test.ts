import { PRIVACY_VERSION_CHANGED, type AuditEntry } from '@yhteistyotila/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, type TestUser } from '../../test/factories.js';
import { barrier, collect, type TestServer } from '../../test/harness.js';
import { call } from '../../test/sockets.js';
import type { SmtpCatcher } from '../../test/smtp-catcher.js';
import { firstAdminLinks } from './access.feature.js';
import {
  api,
  freshIp,
  mailsTo,
  tokenOf,
  startServerWithMail,
  stopServerWithMail,
} from '../../test/access-helpers.js';
import { ConsentModel } from './consent.model.js';
import { runGuestExpiry } from './jobs.js';
import { SEEDED_PRIVACY_VERSION } from '../../auth/privacy.js';
import { SessionModel } from '../../auth/session.model.js';
import { UserModel } from '../../auth/user.model.js';

let server: TestServer;
let smtp: SmtpCatcher;

beforeAll(async () => {
  ({ server, smtp } = await startServerWithMail());
});
afterAll(() => stopServerWithMail({ server, smtp }));

const PASSWORD = 'pitkä ja hyvä salasana';

/** A user with a password, signed in over HTTP as a browser would be. */
const withPassword = (opts: Parameters<typeof createUser>[1] = {}) =>
  createUser(server.application, { ...opts, password: PASSWORD });

const signIn = (email: string, password = PASSWORD, cookie?: string, ip?: string) =>
  api(server, 'POST', '/auth/sign-in', {
    body: { email, password },
    cookie: cookie ?? null,
    ...(ip ? { ip } : {}),
  });

/** Resolves when the socket has been disconnected by the server, with the revoke reason seen. */
function lost(socket: Awaited<ReturnType<TestServer['connect']>>) {
  const revoked = collect(socket, 'session:revoked');
  return async () => {
    await expect
      .poll(() => !socket.connected, { timeout: 3000, message: 'socket disconnected' })
      .toBe(true);
    return revoked;
  };
}

describe('first admin', () => {
  it('creates the admin from the one-time set-up link on an empty installation', async () => {
    const link = firstAdminLinks.get(server.application.app);
    expect(link).toMatch(/^http:\/\/localhost:3999\/aloitus#token=/);
    const token = tokenOf(link!);
    expect((await api(server, 'POST', '/setup/check', { body: { token } })).body).toEqual({
      valid: true,
    });
    const body = {
      token,
      name: 'Ylläpitäjä',
      email: 'admin@example.test',
      password: PASSWORD,
      language: 'fi',
      consent: true,
    };
    const res = await api(server, 'POST', '/setup', { body });
    expect(res.status).toBe(201);
    expect(res.cookie).toBeTruthy();
    expect(res.body.user).toMatchObject({ role: 'admin', mustReconsent: false });
    const admin = await UserModel.findOne({ email: 'admin@example.test' }).lean();
    expect(await ConsentModel.countDocuments({ userId: admin!._id, context: 'first-admin' })).toBe(
      1,
    );
    const again = await api(server, 'POST', '/setup', {
      body: { ...body, email: 'other@example.test' },
    });
    expect(again.body.code).toBe('TOKEN_USED');
  });
});

describe('signing in', () => {
  it('gives one generic answer for a wrong password and an unknown address', async () => {
    const u = await withPassword();
    const wrong = await signIn(u.email, 'väärä salasana tässä');
    const unknown = await signIn('nobody@example.test', 'väärä salasana tässä');
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body).toEqual(unknown.body);
    expect(wrong.body.code).toBe('INVALID_CREDENTIALS');
  });

  it('throttles the 6th rapid attempt for one address from one browser, even with the right password', async () => {
    const u = await withPassword();
    const ip = freshIp();
    const codes: string[] = [];
    for (let i = 0; i < 5; i++)
      codes.push((await signIn(u.email, 'väärä salasana tässä', undefined, ip)).body.code);
    expect(codes).toEqual(Array(5).fill('INVALID_CREDENTIALS'));
    const sixth = await signIn(u.email, PASSWORD, undefined, ip);
    expect(sixth.status).toBe(429);
    expect(sixth.body.code).toBe('RATE_LIMITED');
    expect(sixth.body.retryAfter).toBeGreaterThan(60);
  });

  it('rotates the session at sign-in and sets an HttpOnly SameSite cookie', async () => {
    const u = await withPassword();
    const res = await fetch(`${server.url}/api/auth/sign-in`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        cookie: u.cookie,
        'x-forwarded-for': freshIp(),
      },
      body: JSON.stringify({ email: u.email, password: PASSWORD }),
    });
    expect(res.status).toBe(200);
    const setCookie = res.headers.getSetCookie().join('\n');
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    const oldId = u.cookie.split('=')[1]!;
    expect(await SessionModel.exists({ _id: oldId })).toBeNull();
    expect(await SessionModel.countDocuments({ userId: u.id })).toBe(1);
  });

  it('signs out: the session ends and its socket is told and disconnected', async () => {
    const u = await withPassword();
    const socket = await server.connect({ cookie: u.cookie });
    const gone = lost(socket);
    const res = await api(server, 'POST', '/auth/sign-out', { cookie: u.cookie });
    expect(res.status).toBe(204);
    expect(res.cleared).toBe(true);
    expect(await gone()).toEqual([{ reason: 'signed-out' }]);
    expect((await api(server, 'GET', '/me/profile', { cookie: u.cookie })).status).toBe(401);
  });
});

describe('my sessions', () => {
  it('lists sessions without their secret ids and revokes another device, whose socket is closed within seconds', async () => {
    const u = await withPassword();
    const laptop = (await signIn(u.email)).cookie!;
    const phoneSocket = await server.connect({ cookie: u.cookie });
    const gone = lost(phoneSocket);
    const list = await api(server, 'GET', '/me/sessions', { cookie: laptop });
    expect(list.body.sessions).toHaveLength(2);
    const other = list.body.sessions.find((s: { current: boolean }) => !s.current);
    expect(JSON.stringify(list.body)).not.toContain(u.cookie.split('=')[1]!);
    const started = Date.now();
    expect(
      (await api(server, 'DELETE', `/me/sessions/${other.id}`, { cookie: laptop })).status,
    ).toBe(204);
    expect(await gone()).toEqual([{ reason: 'revoked' }]);
    expect(Date.now() - started).toBeLessThan(3000);
    expect(
      (await api(server, 'GET', '/me/sessions', { cookie: laptop })).body.sessions,
    ).toHaveLength(1);
    expect(server.contractViolations).toEqual([]);
  });

  it('tells a device that was not connected when its session was revoked why, at its next handshake', async () => {
    const u = await withPassword();
    const laptop = (await signIn(u.email)).cookie!;
    // The phone is between two connections (a tunnel, a ping timeout) when it is revoked.
    const phoneSocket = await server.connect({ cookie: u.cookie });
    phoneSocket.disconnect();
    const list = await api(server, 'GET', '/me/sessions', { cookie: laptop });
    const other = list.body.sessions.find((s: { current: boolean }) => !s.current);
    expect(
      (await api(server, 'DELETE', `/me/sessions/${other.id}`, { cookie: laptop })).status,
    ).toBe(204);
    const revoked = collect(phoneSocket, 'session:revoked');
    phoneSocket.connect();
    await expect.poll(() => revoked, { timeout: 5000 }).toEqual([{ reason: 'revoked' }]);
    // ...and the socket it got is signed out.
    expect(await call(phoneSocket, 'conversation:list', {})).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED' },
    });

    // A cookie of a session the server never ended (it ran out, or never was): "expired".
    const stale = await server.connect({ cookie: `${u.cookie.split('=')[0]}=${'x'.repeat(40)}` });
    const expired = collect(stale, 'session:revoked');
    stale.disconnect().connect();
    await expect.poll(() => expired, { timeout: 5000 }).toEqual([{ reason: 'expired' }]);
    // The signed-in laptop's handshake is told nothing.
    const laptopSocket = await server.connect({ cookie: laptop });
    const told = collect(laptopSocket, 'session:revoked');
    await barrier(server, laptopSocket);
    expect(told).toEqual([]);
    expect(server.contractViolations).toEqual([]);
  });

  it('ends every session when the password changes, and starts a new one', async () => {
    const u = await withPassword();
    const other = await server.connect({ cookie: u.cookie });
    const gone = lost(other);
    const current = (await signIn(u.email)).cookie!;
    const weak = await api(server, 'POST', '/auth/change-password', {
      cookie: current,
      body: { currentPassword: PASSWORD, newPassword: '1234567890' },
    });
    expect(weak.body.code).toBe('WEAK_PASSWORD');
    const res = await api(server, 'POST', '/auth/change-password', {
      cookie: current,
      body: { currentPassword: PASSWORD, newPassword: 'uusi ja vielä parempi' },
    });
    expect(res.status).toBe(200);
    await gone();
    expect((await api(server, 'GET', '/me/profile', { cookie: current })).status).toBe(401);
    expect((await api(server, 'GET', '/me/profile', { cookie: res.cookie! })).status).toBe(200);
    expect(await SessionModel.countDocuments({ userId: u.id })).toBe(1);
  });

  it('resets a forgotten password by mail, without revealing unknown addresses', async () => {
    const u = await withPassword({ language: 'en' });
    const socket = await server.connect({ cookie: u.cookie });
    const gone = lost(socket);
    expect(
      (
        await api(server, 'POST', '/auth/password-reset', {
          body: { email: 'nobody@example.test' },
        })
      ).status,
    ).toBe(202);
    expect(
      (await api(server, 'POST', '/auth/password-reset', { body: { email: u.email } })).status,
    ).toBe(202);
    const [mail] = await mailsTo(smtp, u.email);
    expect(mail!.subject).toMatch(/Reset your password/);
    expect(smtp.to('nobody@example.test')).toHaveLength(0);
    const res = await api(server, 'POST', '/auth/password', {
      body: { token: tokenOf(mail!.link), password: 'aivan uusi salasana' },
    });
    expect(res.status).toBe(200);
    await gone();
    expect((await signIn(u.email, 'aivan uusi salasana')).status).toBe(200);
  });
});

describe('roles and suspension', () => {
  let admin: TestUser;
  let moderator: TestUser;
  beforeAll(async () => {
    admin = await createUser(server.application, { role: 'admin' });
    moderator = await createUser(server.application, { role: 'moderator' });
  });

  it('lets moderators make experts but not moderators, and not touch admins', async () => {
    const member = await createUser(server.application);
    const mod = await server.connect({ cookie: moderator.cookie });
    const target = await server.connect({ cookie: member.cookie });
    const updates = collect(target, 'user:updated');
    const ok = await mod
      .timeout(2000)
      .emitWithAck('user:setExpert', { userId: member.id, expert: true });
    expect(ok).toMatchObject({ ok: true, data: { user: { role: 'member', expert: true } } });
    await expect
      .poll(() => updates.length === 1, { timeout: 3000, message: 'user:updated' })
      .toBe(true);
    const staff = await mod
      .timeout(2000)
      .emitWithAck('user:setRole', { userId: member.id, role: 'moderator' });
    expect(staff).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const demote = await mod
      .timeout(2000)
      .emitWithAck('user:setRole', { userId: admin.id, role: 'member' });
    expect(demote).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const self = await mod
      .timeout(2000)
      .emitWithAck('user:setRole', { userId: moderator.id, role: 'admin' });
    expect(self).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect((await UserModel.findById(admin.id).lean())!.role).toBe('admin');
    const asMember = await target
      .timeout(2000)
      .emitWithAck('user:setRole', { userId: moderator.id, role: 'member' });
    expect(asMember).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('makes a moderator live: the open socket joins the moderators room', async () => {
    const member = await createUser(server.application);
    const socket = await server.connect({ cookie: member.cookie });
    const adminSocket = await server.connect({ cookie: admin.cookie });
    const res = await adminSocket
      .timeout(2000)
      .emitWithAck('user:setRole', { userId: member.id, role: 'moderator' });
    expect(res.ok).toBe(true);
    const list = await socket.timeout(2000).emitWithAck('joinRequest:list', {});
    expect(list.ok).toBe(true);
    const audit = await socket.timeout(2000).emitWithAck('audit:list', { limit: 10 });
    expect(
      audit.ok &&
        audit.data.entries.some(
          (e: AuditEntry) => e.action === 'user.setRole' && e.targetId === member.id,
        ),
    ).toBe(true);
  });

  it('suspends: the person loses their socket within seconds and cannot sign in', async () => {
    const u = await withPassword();
    const socket = await server.connect({ cookie: u.cookie });
    const gone = lost(socket);
    const mod = await server.connect({ cookie: moderator.cookie });
    const res = await mod
      .timeout(2000)
      .emitWithAck('user:setStatus', { userId: u.id, status: 'suspended', reason: 'Roskapostia' });
    expect(res).toMatchObject({ ok: true, data: { user: { status: 'suspended' } } });
    expect(await gone()).toEqual([{ reason: 'suspended' }]);
    expect((await signIn(u.email)).body.code).toBe('INVALID_CREDENTIALS');
    const member = await createUser(server.application);
    const ms = await server.connect({ cookie: member.cookie });
    const denied = await ms
      .timeout(2000)
      .emitWithAck('user:setStatus', { userId: u.id, status: 'active', reason: 'Selvitetty' });
    expect(denied).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const auditDenied = await ms.timeout(2000).emitWithAck('audit:list', { limit: 10 });
    expect(auditDenied).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});

describe('guest experts', () => {
  it('lose their open sockets when their end date passes', async () => {
    const guest = await createUser(server.application, {
      role: 'guest',
      guestUntil: new Date(Date.now() + 60_000),
    });
    const socket = await server.connect({ cookie: guest.cookie });
    const gone = lost(socket);
    expect(await runGuestExpiry(server.application.app)).toBe(0);
    expect(socket.connected).toBe(true);
    await UserModel.updateOne(
      { _id: guest.id },
      { $set: { guestUntil: new Date(Date.now() - 1000) } },
    );
    expect(await runGuestExpiry(server.application.app)).toBe(1);
    expect(await gone()).toEqual([{ reason: 'expired' }]);
  });
});

describe('consent to a new privacy statement', () => {
  it('refuses everything but the consent flow until the person re-consents', async () => {
    const mod = await createUser(server.application, { role: 'moderator' });
    await UserModel.updateOne({ _id: mod.id }, { $set: { consentVersion: '2000-01-01' } });
    const socket = await server.connect({ cookie: mod.cookie });
    const who = await socket.timeout(2000).emitWithAck('session:whoami', {});
    expect(who.ok && who.data.user.mustReconsent).toBe(true);
    const blocked = await socket.timeout(2000).emitWithAck('joinRequest:list', {});
    expect(blocked).toMatchObject({ ok: false, error: { code: 'CONSENT_REQUIRED' } });
    const patch = await api(server, 'PATCH', '/me/profile', {
      cookie: mod.cookie,
      body: { association: 'x' },
    });
    expect(patch.body.code).toBe('CONSENT_REQUIRED');
    expect((await api(server, 'GET', '/me/sessions', { cookie: mod.cookie })).body.code).toBe(
      'CONSENT_REQUIRED',
    );

    const statement = await api(server, 'GET', '/privacy?lang=sv', { cookie: mod.cookie });
    expect(statement.body).toMatchObject({
      version: SEEDED_PRIVACY_VERSION,
      language: 'sv',
      controller: { name: 'Suomen Vanhempainliitto ry' },
    });
    expect(statement.body.markdown).toContain('Suomen Vanhempainliitto ry');
    expect(statement.body.markdown).not.toMatch(/\{\{/);

    const stale = await api(server, 'POST', '/consent', {
      cookie: mod.cookie,
      body: { version: '2000-01-01', consent: true },
    });
    expect(stale.body).toMatchObject({
      code: 'CONFLICT',
      issues: [{ path: 'version', code: PRIVACY_VERSION_CHANGED }],
    });
    const ok = await api(server, 'POST', '/consent', {
      cookie: mod.cookie,
      body: { version: SEEDED_PRIVACY_VERSION, consent: true, language: 'sv' },
    });
    expect(ok.body.user.mustReconsent).toBe(false);
    expect(
      await ConsentModel.countDocuments({ userId: mod.id, context: 'reconsent', language: 'sv' }),
    ).toBe(1);
    const now = await socket.timeout(2000).emitWithAck('joinRequest:list', {});
    expect(now.ok).toBe(true);
    await barrier(server, socket);
    expect(server.contractViolations).toEqual([]);
  });
});
