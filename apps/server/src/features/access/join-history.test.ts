import { JOIN_REJECTED_WAIT } from '@yhteistyotila/protocol';
import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  api,
  joinAndVerify,
  startServerWithMail,
  stopServerWithMail,
} from '../../test/access-helpers.js';
import { createUser, type TestUser } from '../../test/factories.js';
import type { TestServer, TestSocket } from '../../test/harness.js';
import type { SmtpCatcher } from '../../test/smtp-catcher.js';
import { call, connectReady, errorCode, ok } from '../../test/sockets.js';
import { AuditModel } from '../audit/audit.model.js';
import { JoinRequestModel } from './join-request.model.js';
import { runRetention } from './jobs.js';
import { DAY } from '../../lib/time.js';

let server: TestServer;
let smtp: SmtpCatcher;
let mod: TestUser, member: TestUser;
let m: TestSocket, ms: TestSocket;

beforeAll(async () => {
  ({ server, smtp } = await startServerWithMail());
  mod = await createUser(server.application, { role: 'moderator', name: 'Mona Moderaattori' });
  member = await createUser(server.application, { name: 'Maija Jäsen' });
  [m, ms] = await Promise.all([
    connectReady(server, mod.cookie),
    connectReady(server, member.cookie),
  ]);
});
afterAll(() => stopServerWithMail({ server, smtp }));

const requestIdOf = async (email: string) =>
  (await JoinRequestModel.findOne({ email }).lean())!._id.toHexString();

describe('the join-request history', () => {
  it('lists decided requests with the reason and who decided, to staff only', async () => {
    const { body: rejected } = await joinAndVerify(server, smtp);
    const { body: approved } = await joinAndVerify(server, smtp);
    const rejectedId = await requestIdOf(rejected.email);
    const approvedId = await requestIdOf(approved.email);
    await ok(m, 'joinRequest:reject', {
      id: rejectedId,
      reason: 'other',
      reasonText: 'Ei kunnan toimija',
    });
    await ok(m, 'joinRequest:approve', { id: approvedId, role: 'member', channelIds: [] });

    const history = (await ok(m, 'joinRequest:list', { status: 'rejected' })).requests;
    expect(history.find((r) => r.id === rejectedId)).toMatchObject({
      status: 'rejected',
      rejectReason: 'other',
      rejectText: 'Ei kunnan toimija',
      decidedBy: { id: mod.id, name: 'Mona Moderaattori' },
    });
    const approvedList = (await ok(m, 'joinRequest:list', { status: 'approved' })).requests;
    expect(approvedList.find((r) => r.id === approvedId)).toMatchObject({
      decidedBy: { id: mod.id, name: 'Mona Moderaattori' },
    });
    expect(errorCode(await call(ms, 'joinRequest:list', { status: 'rejected' }))).toBe('FORBIDDEN');
    expect(errorCode(await call(ms, 'joinRequest:list', { status: 'approved' }))).toBe('FORBIDDEN');
  });
});

describe('a rejected address waits', () => {
  it('is refused with a wait for the configured days, keeping only a keyed hash of the address', async () => {
    const { body } = await joinAndVerify(server, smtp);
    const id = await requestIdOf(body.email);
    await ok(m, 'joinRequest:reject', {
      id,
      reason: 'not-parent-actor',
      reasonText: '=HYPERLINK("x") ei vanhempaintoimija',
    });

    const again = await api(server, 'POST', '/join-requests', { body });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('CONFLICT');
    expect(again.body.issues).toEqual([{ path: 'email', code: JOIN_REJECTED_WAIT }]);
    const days = again.body.retryAfter / 86_400;
    expect(days).toBeGreaterThan(29.9);
    expect(days).toBeLessThanOrEqual(30);
    // (Three tries an hour per address: the rate limit allows one more, after the wait.)
    expect(await JoinRequestModel.countDocuments({ email: body.email })).toBe(1);

    const stored = await mongoose.connection.db!.collection('rejectedaddresses').find({}).toArray();
    expect(stored.length).toBeGreaterThanOrEqual(1);
    const local = body.email.split('@')[0]!;
    expect(JSON.stringify(stored)).not.toContain(local);
    expect(stored.every((d) => /^[0-9a-f]{64}$/.test(String(d._id)))).toBe(true);

    // The audit entry keeps the reason while the request exists.
    expect(await AuditModel.findOne({ targetId: id }).lean()).toMatchObject({
      action: 'joinRequest.reject',
      reason: '=HYPERLINK("x") ei vanhempaintoimija',
    });

    // After the wait (and the request's retention) nothing of the address or reason is left.
    await runRetention(server.application.app, new Date(Date.now() + 31 * DAY));
    expect(await JoinRequestModel.countDocuments({ email: body.email })).toBe(0);
    expect(await mongoose.connection.db!.collection('rejectedaddresses').countDocuments({})).toBe(
      0,
    );
    expect(await AuditModel.findOne({ targetId: id }).lean()).toMatchObject({ reason: null });
    expect((await api(server, 'POST', '/join-requests', { body })).status).toBe(202);
  });
});
