import { mySessionsSchema } from '@yhteistyotila/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../test/factories.js';
import type { TestServer } from '../../test/harness.js';
import {
  api,
  mailsTo,
  startServerWithMail,
  stopServerWithMail,
  tokenOf,
} from '../../test/access-helpers.js';
import type { SmtpCatcher } from '../../test/smtp-catcher.js';
import { startPushFixture, type PushFixture } from '../../test/push-endpoint.js';
import { connectReady, ok } from '../../test/sockets.js';
import { SessionModel } from '../../auth/session.model.js';
import { publicSessionId } from '../../auth/sessions.js';
import { SESSION_COOKIE } from '../../auth/lucia.js';
import { pushDeviceSessionsMigration } from './push.migration.js';
import { PushDeviceModel } from './push.model.js';
import { sendPush, type PushMessage } from './push.service.js';

/**
 * A device gets a person's pushes only while the session that turned push on lives (issue 14,
 * push.sessions.ts): on a shared computer, signing out, a revocation from another device, a
 * password reset or a suspension stop that browser's pushes; the person's other devices, in
 * sessions of their own, go on receiving. Real server and database, sessions ended through the
 * API as a browser ends them, pushes received by the test's own push service.
 */
let server: TestServer;
let smtp: SmtpCatcher;
let push: PushFixture;

beforeAll(async () => {
  ({ server, smtp } = await startServerWithMail());
  push = await startPushFixture(server.url);
});
afterAll(async () => {
  await push.close();
  await stopServerWithMail({ server, smtp });
});

const PASSWORD = 'pitkä ja hyvä salasana';
const mention: PushMessage = {
  title: 'Maija mainitsi sinut',
  body: 'Katso tämä',
  url: '/c/0123456789abcdef01234567',
  tag: 'conversation-0123456789abcdef01234567',
  containsPrivateContent: false,
};

/** A person signed in on two browsers (sessions A and B), each with push turned on. */
async function personOnTwoDevices() {
  const user = await createUser(server.application, { password: PASSWORD });
  const signIn = async () => {
    const res = await api(server, 'POST', '/auth/sign-in', {
      body: { email: user.email, password: PASSWORD },
    });
    expect(res.status).toBe(200);
    return res.cookie!;
  };
  const [a, b] = [await signIn(), await signIn()];
  const [shared, own] = [await push.subscribe(a), await push.subscribe(b)];
  return { user, a, b, shared, own };
}

/** The session id in a cookie header (`yt_session=<id>`). */
const secret = (cookie: string) => cookie.slice(SESSION_COOKIE.length + 1);

/** Sends one push to the person; returns how many pushes each device has received so far. */
async function pushNow(userId: string, ...paths: string[]): Promise<number[]> {
  await sendPush(server.application.app, userId, mention);
  return paths.map((p) => push.pushesTo(p).length);
}

describe('a push device lives as long as the session that turned push on', () => {
  it('signing out in session A stops pushes to its device; session B’s device still gets them', async () => {
    const { user, a, shared, own } = await personOnTwoDevices();
    expect(await pushNow(user.id, shared.path, own.path)).toEqual([1, 1]);
    const out = await api(server, 'POST', '/auth/sign-out', { cookie: a });
    expect(out.status).toBe(204);
    expect(
      await PushDeviceModel.exists({ _id: shared.id }),
      'removed as the session ended',
    ).toBeNull();
    expect(await pushNow(user.id, shared.path, own.path)).toEqual([1, 2]);
  });

  it('revoking session A from session B stops pushes to A’s device only', async () => {
    const { user, a, b, shared, own } = await personOnTwoDevices();
    const listed = mySessionsSchema.parse(
      (await api(server, 'GET', '/me/sessions', { cookie: b })).body,
    );
    const target = listed.sessions.find((s) => s.id === publicSessionId(secret(a)));
    const revoked = await api(server, 'DELETE', `/me/sessions/${target!.id}`, { cookie: b });
    expect(revoked.status).toBe(204);
    expect(
      await PushDeviceModel.exists({ _id: shared.id }),
      'removed as the session ended',
    ).toBeNull();
    expect(await pushNow(user.id, shared.path, own.path)).toEqual([0, 1]);
  });

  it('a password reset ends every session, and with them every device’s pushes', async () => {
    const { user, shared, own } = await personOnTwoDevices();
    const asked = await api(server, 'POST', '/auth/password-reset', {
      body: { email: user.email },
    });
    expect(asked.status).toBe(202);
    const [mail] = await mailsTo(smtp, user.email);
    const reset = await api(server, 'POST', '/auth/password', {
      body: { token: tokenOf(mail!.link), password: 'aivan uusi pitkä salasana' },
    });
    expect(reset.status).toBe(200);
    expect(await PushDeviceModel.countDocuments({ userId: user.id })).toBe(0);
    expect(await pushNow(user.id, shared.path, own.path)).toEqual([0, 0]);
  });

  it('a password change in session A keeps A’s device (its new session) and ends B’s', async () => {
    const { user, a, shared, own } = await personOnTwoDevices();
    const changed = await api(server, 'POST', '/auth/change-password', {
      cookie: a,
      body: { currentPassword: PASSWORD, newPassword: 'aivan uusi pitkä salasana' },
    });
    expect(changed.status).toBe(200);
    expect(await PushDeviceModel.exists({ _id: own.id }), 'B ended').toBeNull();
    expect(await pushNow(user.id, shared.path, own.path)).toEqual([1, 0]);
    // The device follows the browser's new session: signing out there ends it too.
    await api(server, 'POST', '/auth/sign-out', { cookie: changed.cookie });
    expect(await pushNow(user.id, shared.path)).toEqual([1]);
    expect(await PushDeviceModel.countDocuments({ userId: user.id })).toBe(0);
  });

  it('suspending the person stops pushes to all their devices', async () => {
    const { user, shared, own } = await personOnTwoDevices();
    const moderator = await createUser(server.application, { role: 'moderator' });
    const s = await connectReady(server, moderator.cookie);
    await ok(s, 'user:setStatus', { userId: user.id, status: 'suspended', reason: 'Häirintää' });
    expect(await PushDeviceModel.countDocuments({ userId: user.id })).toBe(0);
    expect(await pushNow(user.id, shared.path, own.path)).toEqual([0, 0]);
  });

  it('the sweep of idle-expired sessions removes their devices, and no other', async () => {
    const { user, a, b, shared, own } = await personOnTwoDevices();
    const other = await personOnTwoDevices();
    const past = new Date(Date.now() - 1000);
    for (const cookie of [a, b])
      await SessionModel.updateOne({ _id: secret(cookie) }, { $set: { expiresAt: past } });
    await server.application.app.lucia.deleteExpiredSessions();
    expect(await PushDeviceModel.exists({ _id: shared.id })).toBeNull();
    expect(await PushDeviceModel.exists({ _id: own.id })).toBeNull();
    expect(await pushNow(other.user.id, other.shared.path, other.own.path)).toEqual([1, 1]);
    expect(await pushNow(user.id, shared.path, own.path)).toEqual([0, 0]);
  });

  it('a device whose session went without a word (row gone, or timed out) is skipped and removed at send time', async () => {
    const { user, a, b, shared, own } = await personOnTwoDevices();
    // Past the absolute timeout, and a row deleted behind the adapter's back: no listener ran.
    await SessionModel.updateOne(
      { _id: secret(b) },
      { $set: { createdAt: new Date(Date.now() - 400 * 24 * 3600_000) } },
    );
    await SessionModel.deleteOne({ _id: secret(a) });
    expect(await PushDeviceModel.countDocuments({ userId: user.id })).toBe(2);
    expect(await pushNow(user.id, shared.path, own.path)).toEqual([0, 0]);
    expect(await PushDeviceModel.countDocuments({ userId: user.id })).toBe(0);
  });

  it('devices stored before the session tie are removed by the migration', async () => {
    const user = await createUser(server.application);
    const device = await push.subscribe(user.cookie);
    await PushDeviceModel.updateOne({ _id: device.id }, { $unset: { sessionId: 1 } });
    await pushDeviceSessionsMigration.up(server.application.app.log);
    expect(await PushDeviceModel.exists({ _id: device.id })).toBeNull();
  });
});
