import { createHash } from 'node:crypto';
import {
  PRIVACY_VERSION_CHANGED,
  joinRequestSchema,
  rooms,
  type JoinRequest,
} from '@yhteistyotila/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../test/factories.js';
import { barrier, collect, type TestServer } from '../../test/harness.js';
import type { SmtpCatcher } from '../../test/smtp-catcher.js';
import { AuditModel } from '../audit/audit.model.js';
import {
  api,
  applicant,
  joinAndVerify,
  mailsTo,
  tokenOf,
  startServerWithMail,
  stopServerWithMail,
} from '../../test/access-helpers.js';
import { ConsentModel } from './consent.model.js';
import { onUserApproved } from './hooks.js';
import { JoinRequestModel } from './join-request.model.js';
import { runJoinReminders, runRetention } from './jobs.js';
import { publishing } from '../../realtime/facts.js';
import { SEEDED_PRIVACY_VERSION } from '../../auth/privacy.js';
import { TokenModel } from './token.model.js';
import { UserModel } from '../../auth/user.model.js';

let server: TestServer;
/** The reminder job as its feature runs it: its facts published. */
const remind = () =>
  publishing(server.application.app, (facts) => runJoinReminders(server.application.app, facts));
let smtp: SmtpCatcher;

beforeAll(async () => {
  ({ server, smtp } = await startServerWithMail());
});
afterAll(() => stopServerWithMail({ server, smtp }));

const metric = async (name: string) => {
  const text = await server.application.app.metrics.registry.metrics();
  return Number(new RegExp(`^${name} (\\d+)`, 'm').exec(text)?.[1] ?? 0);
};

describe('the join form', () => {
  it('stores nothing without consent', async () => {
    const body = { ...applicant(), consent: false };
    const res = await api(server, 'POST', '/join-requests', { body });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_ERROR');
    expect(res.body.issues).toContainEqual(expect.objectContaining({ path: 'consent' }));
    expect(await JoinRequestModel.countDocuments({ email: body.email })).toBe(0);
    expect(await ConsentModel.countDocuments({})).toBe(0);
  });

  it('answers a filled honeypot like a real request, stores nothing and counts it', async () => {
    const before = await metric('yt_join_honeypot_total');
    const body = applicant({ website: 'http://spam.example' });
    const res = await api(server, 'POST', '/join-requests', { body });
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ status: 'verification-sent' });
    // No wait: a real request stores and mails before it answers (join.service.ts).
    expect(await JoinRequestModel.countDocuments({ email: body.email })).toBe(0);
    expect(smtp.to(body.email)).toHaveLength(0);
    expect(await metric('yt_join_honeypot_total')).toBe(before + 1);
  });

  it('records consent, mails a 24 h link in the applicant language, and re-submitting resends', async () => {
    const body = applicant({ language: 'sv' });
    expect((await api(server, 'POST', '/join-requests', { body })).status).toBe(202);
    const [first] = await mailsTo(smtp, body.email);
    expect(first!.subject).toMatch(/Bekräfta/);
    expect(first!.link).toMatch(/^http:\/\/localhost:3999\/liity\/vahvista#token=/);

    const again = await api(server, 'POST', '/join-requests', {
      body: { ...body, name: 'Maija M.' },
    });
    expect(again.status).toBe(202);
    await mailsTo(smtp, body.email, 2);
    const requests = await JoinRequestModel.find({ email: body.email }).lean();
    expect(requests).toHaveLength(1);
    expect(requests[0]!.name).toBe('Maija M.');
    expect(requests[0]!.status).toBe('unverified');

    const consents = await ConsentModel.find({ requestId: requests[0]!._id }).lean();
    expect(consents).toHaveLength(2);
    expect(consents[0]).toMatchObject({
      version: SEEDED_PRIVACY_VERSION,
      language: 'sv',
      context: 'join-request',
    });
    expect(consents[0]!.textSha256).toMatch(/^[0-9a-f]{64}$/);

    // Only the hash of a link is stored.
    const token = tokenOf(first!.link);
    const stored = await TokenModel.find({ requestId: requests[0]!._id }).lean();
    expect(stored.some((t) => t.hash === token)).toBe(false);
    expect(stored[0]!.expiresAt.getTime() - stored[0]!.createdAt.getTime()).toBe(24 * 3_600_000);
  });

  it('refuses an unknown municipality', async () => {
    const bad = await api(server, 'POST', '/join-requests', {
      body: applicant({ municipalityCode: '999' }),
    });
    expect(bad.status).toBe(400);
  });

  it('records consent to exactly the statement version the form showed, and refuses any other', async () => {
    // Without the version shown, the server cannot know what was consented to.
    const { privacyVersion: _shown, ...unversioned } = applicant();
    const missing = await api(server, 'POST', '/join-requests', { body: unversioned });
    expect(missing.status).toBe(400);
    expect(missing.body.code).toBe('VALIDATION_ERROR');
    expect(missing.body.issues).toContainEqual(expect.objectContaining({ path: 'privacyVersion' }));

    // The statement changed while the form was open: a stable code the web app acts on.
    const staleBody = applicant({ privacyVersion: '2000-01-01' });
    const stale = await api(server, 'POST', '/join-requests', { body: staleBody });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({
      code: 'CONFLICT',
      issues: [{ path: 'privacyVersion', code: PRIVACY_VERSION_CHANGED }],
    });
    for (const email of [unversioned.email, staleBody.email])
      expect(await JoinRequestModel.countDocuments({ email })).toBe(0);
    expect(smtp.to(staleBody.email)).toHaveLength(0);

    // The version read from GET /privacy, sent back: recorded as such, with that text's hash.
    const shown = (await api(server, 'GET', '/privacy?lang=en')).body as {
      version: string;
      markdown: string;
    };
    const body = applicant({ privacyVersion: shown.version, language: 'en' });
    expect((await api(server, 'POST', '/join-requests', { body })).status).toBe(202);
    const request = await JoinRequestModel.findOne({ email: body.email }).lean();
    const consent = await ConsentModel.findOne({ requestId: request!._id }).lean();
    expect(consent).toMatchObject({ version: shown.version, language: 'en' });
    expect(consent!.textSha256).toBe(createHash('sha256').update(shown.markdown).digest('hex'));
  });

  it('rate limits one e-mail address', async () => {
    const body = applicant();
    const codes: number[] = [];
    for (let i = 0; i < 4; i++)
      codes.push((await api(server, 'POST', '/join-requests', { body })).status);
    expect(codes).toEqual([202, 202, 202, 429]);
  });
});

describe('e-mail verification', () => {
  it('verifies once, then shows an honest status; a reused link says TOKEN_USED', async () => {
    const body = applicant();
    await api(server, 'POST', '/join-requests', { body });
    const [mail] = await mailsTo(smtp, body.email);
    const token = tokenOf(mail!.link);
    const ok = await api(server, 'POST', '/join-requests/verify', { body: { token } });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ status: 'pending', decidedAt: null });
    const status = await api(server, 'POST', '/join-requests/status', {
      body: { token: ok.body.statusToken },
    });
    expect(status.body.status).toBe('pending');

    const reused = await api(server, 'POST', '/join-requests/verify', { body: { token } });
    expect(reused.status).toBe(410);
    expect(reused.body.code).toBe('TOKEN_USED');
  });

  it('refuses an expired link with TOKEN_EXPIRED and a made-up one with TOKEN_INVALID', async () => {
    const body = applicant();
    await api(server, 'POST', '/join-requests', { body });
    const [mail] = await mailsTo(smtp, body.email);
    const request = await JoinRequestModel.findOne({ email: body.email }).lean();
    await TokenModel.updateMany(
      { requestId: request!._id },
      { $set: { expiresAt: new Date(Date.now() - 1000) } },
    );
    const expired = await api(server, 'POST', '/join-requests/verify', {
      body: { token: tokenOf(mail!.link) },
    });
    expect(expired.status).toBe(410);
    expect(expired.body.code).toBe('TOKEN_EXPIRED');
    const invalid = await api(server, 'POST', '/join-requests/verify', {
      body: { token: 'x'.repeat(43) },
    });
    expect(invalid.body.code).toBe('TOKEN_INVALID');
    expect((await JoinRequestModel.findById(request!._id).lean())!.status).toBe('unverified');
  });
});

describe('the moderator queue', () => {
  it('shows a verified request live to every moderator and to nobody else', async () => {
    const [m1, m2, member] = await Promise.all([
      createUser(server.application, { role: 'moderator' }),
      createUser(server.application, { role: 'admin' }),
      createUser(server.application, { role: 'member' }),
    ]);
    const [s1, s2, s3] = await Promise.all(
      [m1, m2, member].map((u) => server.connect({ cookie: u.cookie })),
    );
    const seen1 = collect(s1!, 'joinRequest:created');
    const seen2 = collect(s2!, 'joinRequest:created');
    const seen3 = collect(s3!, 'joinRequest:created');
    const { body } = await joinAndVerify(server, smtp);
    await expect
      .poll(() => seen1.length === 1 && seen2.length === 1, {
        timeout: 3000,
        message: 'both moderators',
      })
      .toBe(true);
    expect(seen1[0]).toMatchObject({ email: body.email, status: 'pending', claimedBy: null });
    await barrier(server, s3!);
    expect(seen3).toHaveLength(0);

    const list = await s1!.timeout(2000).emitWithAck('joinRequest:list', {});
    expect(list.ok && list.data.requests.some((r: JoinRequest) => r.email === body.email)).toBe(
      true,
    );
    const denied = await s3!.timeout(2000).emitWithAck('joinRequest:list', {});
    expect(denied).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(server.contractViolations).toEqual([]);
  });

  it('lets one moderator claim; the other gets CONFLICT and cannot decide', async () => {
    const [m1, m2] = await Promise.all([
      createUser(server.application, { role: 'moderator' }),
      createUser(server.application, { role: 'moderator' }),
    ]);
    const [s1, s2] = await Promise.all([
      server.connect({ cookie: m1.cookie }),
      server.connect({ cookie: m2.cookie }),
    ]);
    const updates = collect(s2, 'joinRequest:updated');
    await joinAndVerify(server, smtp);
    const list = await s1.timeout(2000).emitWithAck('joinRequest:list', {});
    if (!list.ok) throw new Error('list failed');
    const id = list.data.requests.at(-1)!.id;

    const claim = await s1.timeout(2000).emitWithAck('joinRequest:claim', { id });
    expect(claim).toMatchObject({ ok: true, data: { request: { claimedBy: { id: m1.id } } } });
    await expect
      .poll(() => updates.some((u) => u.id === id && u.claimedBy?.id === m1.id), {
        timeout: 3000,
        message: 'claim broadcast',
      })
      .toBe(true);

    const second = await s2.timeout(2000).emitWithAck('joinRequest:claim', { id });
    expect(second).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    const steal = await s2
      .timeout(2000)
      .emitWithAck('joinRequest:approve', { id, role: 'member', channelIds: [] });
    expect(steal).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });

    const released = await s1.timeout(2000).emitWithAck('joinRequest:release', { id });
    expect(released).toMatchObject({ ok: true, data: { request: { claimedBy: null } } });
    const now = await s2.timeout(2000).emitWithAck('joinRequest:claim', { id });
    expect(now.ok).toBe(true);
    expect(server.contractViolations).toEqual([]);
  });

  it('approves: account, audit entry, single-use 72 h set-password link, hooks, then sign-in works', async () => {
    const mod = await createUser(server.application, { role: 'moderator' });
    const s = await server.connect({ cookie: mod.cookie });
    const hooked: string[][] = [];
    onUserApproved.push(async (e) => void hooked.push(e.channelIds));
    const { body, verified } = await joinAndVerify(server, smtp, { language: 'en' });
    const request = await JoinRequestModel.findOne({ email: body.email }).lean();
    const created = await s
      .timeout(2000)
      .emitWithAck('channel:create', { name: 'Hyväksytyt', visibility: 'public' });
    if (!created.ok) throw new Error(created.error.message);
    const channel = created.data.conversation.id;
    const res = await s.timeout(2000).emitWithAck('joinRequest:approve', {
      id: request!._id.toHexString(),
      role: 'expert',
      channelIds: [channel],
    });
    onUserApproved.pop();
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    expect(joinRequestSchema.parse(res.data.request)).toMatchObject({
      status: 'approved',
      decidedBy: { id: mod.id },
    });
    expect(hooked).toEqual([[channel]]);

    const user = await UserModel.findOne({ email: body.email }).lean();
    // Approved "as an expert": a member holding the expert capability.
    expect(user).toMatchObject({
      role: 'member',
      expert: true,
      consentVersion: SEEDED_PRIVACY_VERSION,
      passwordHash: null,
      language: 'en',
    });
    expect(await ConsentModel.countDocuments({ userId: user!._id })).toBe(1);
    expect(
      await AuditModel.countDocuments({
        action: 'joinRequest.approve',
        targetId: user!._id.toHexString(),
      }),
    ).toBe(1);

    const status = await api(server, 'POST', '/join-requests/status', {
      body: { token: verified.statusToken },
    });
    expect(status.body.status).toBe('approved');

    const mails = await mailsTo(smtp, body.email, 2);
    const welcome = mails[1]!;
    expect(welcome.subject).toMatch(/Welcome/);
    expect(welcome.link).toMatch(/\/salasana\/uusi#token=/);
    const token = tokenOf(welcome.link);
    const info = await api(server, 'POST', '/auth/password/check-token', { body: { token } });
    expect(info.body.purpose).toBe('set-password');
    expect(new Date(info.body.expiresAt).getTime() - Date.now()).toBeGreaterThan(71 * 3_600_000);

    const weak = await api(server, 'POST', '/auth/password', {
      body: { token, password: 'salasana123' },
    });
    expect(weak.body.code).toBe('WEAK_PASSWORD');
    const set = await api(server, 'POST', '/auth/password', {
      body: { token, password: 'kolme iloista kirahvia' },
    });
    expect(set.status).toBe(200);
    expect(set.cookie).toBeTruthy();
    expect(set.body.user).toMatchObject({ role: 'member', expert: true, mustReconsent: false });
    const stored = await UserModel.findOne({ email: body.email }).lean();
    expect(stored!.passwordHash).toMatch(/^\$argon2id\$/);
    const again = await api(server, 'POST', '/auth/password', {
      body: { token, password: 'neljä iloista kirahvia' },
    });
    expect(again.body.code).toBe('TOKEN_USED');

    const socket = await server.connect({ cookie: set.cookie! });
    const who = await socket.timeout(2000).emitWithAck('session:whoami', {});
    expect(who.ok && who.data.user.id).toBe(user!._id.toHexString());
  });

  it('places the person only where the moderator could invite them: a private channel they are not in refuses the whole approval, exactly as a missing one, and writes nothing', async () => {
    const mod = await createUser(server.application, { role: 'moderator' });
    const owner = await createUser(server.application, { role: 'member' });
    const [s, os] = await Promise.all([
      server.connect({ cookie: mod.cookie }),
      server.connect({ cookie: owner.cookie }),
    ]);
    const create = async (
      socket: typeof s,
      name: string,
      visibility: 'public' | 'private',
    ): Promise<string> => {
      const res = await socket.timeout(2000).emitWithAck('channel:create', { name, visibility });
      if (!res.ok) throw new Error(res.error.message);
      return res.data.conversation.id;
    };
    const hidden = await create(os, 'Omistajan salainen', 'private');
    const othersPublic = await create(s, 'Kaikkien kahvihuone', 'public');
    const modsPrivate = await create(s, 'Moderaattorin oma', 'private');
    const ownerSees = collect(os, 'member:joined');
    const { body } = await joinAndVerify(server, smtp);
    const id = (await JoinRequestModel.findOne({ email: body.email }).lean())!._id.toHexString();
    const approve = (channelIds: string[]) =>
      s.timeout(2000).emitWithAck('joinRequest:approve', { id, role: 'member', channelIds });

    const refused = await approve([othersPublic, hidden]);
    const absent = await approve([othersPublic, '0123456789abcdef01234567']);
    expect(refused).toEqual({ ok: false, error: { code: 'NOT_FOUND', message: 'not found' } });
    expect(refused).toEqual(absent);

    await barrier(server, os);
    expect(ownerSees).toEqual([]);
    expect(await JoinRequestModel.findById(id).lean()).toMatchObject({
      status: 'pending',
      decidedBy: null,
    });
    expect(await UserModel.countDocuments({ email: body.email })).toBe(0);
    expect(
      await AuditModel.countDocuments({ action: 'joinRequest.approve', 'details.requestId': id }),
    ).toBe(0);
    expect(smtp.to(body.email)).toHaveLength(1); // the verification link only

    // The refusal took no decision: the same moderator approves into channels that are theirs to give.
    const approved = await approve([othersPublic, modsPrivate]);
    expect(approved).toMatchObject({ ok: true, data: { request: { status: 'approved' } } });
    const user = await UserModel.findOne({ email: body.email }).lean();
    for (const conversationId of [othersPublic, modsPrivate]) {
      const res = await s.timeout(2000).emitWithAck('conversation:members', { conversationId });
      if (!res.ok) throw new Error(res.error.message);
      expect(res.data.members.map((m: { id: string }) => m.id)).toContain(user!._id.toHexString());
    }
    await barrier(server, os);
    expect(ownerSees).toEqual([]);
  });

  it('rejects with a template reason and mails the applicant with the optional message', async () => {
    const mod = await createUser(server.application, { role: 'moderator' });
    const s = await server.connect({ cookie: mod.cookie });
    const { body } = await joinAndVerify(server, smtp);
    const request = await JoinRequestModel.findOne({ email: body.email }).lean();
    const id = request!._id.toHexString();
    const missing = await s
      .timeout(2000)
      .emitWithAck('joinRequest:reject', { id, reason: 'other' });
    expect(missing).toMatchObject({ ok: false, error: { code: 'VALIDATION_ERROR' } });
    const res = await s.timeout(2000).emitWithAck('joinRequest:reject', {
      id,
      reason: 'not-parent-actor',
      messageToApplicant: 'Tervetuloa avoimeen tilaisuuteemme.',
    });
    expect(res).toMatchObject({
      ok: true,
      data: { request: { status: 'rejected', rejectReason: 'not-parent-actor' } },
    });
    const mails = await mailsTo(smtp, body.email, 2);
    expect(mails[1]!.text).toContain('Tervetuloa avoimeen tilaisuuteemme.');
    expect(await UserModel.countDocuments({ email: body.email })).toBe(0);
    const audit = await AuditModel.findOne({ action: 'joinRequest.reject', targetId: id }).lean();
    expect(audit!.details).toEqual({ reason: 'not-parent-actor', messaged: true });
    const twice = await s
      .timeout(2000)
      .emitWithAck('joinRequest:approve', { id, role: 'member', channelIds: [] });
    expect(twice).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  });

  it('lets moderators approve guests only with an end date, and never members', async () => {
    const member = await createUser(server.application, { role: 'member' });
    const s = await server.connect({ cookie: member.cookie });
    const { body } = await joinAndVerify(server, smtp);
    const request = await JoinRequestModel.findOne({ email: body.email }).lean();
    const id = request!._id.toHexString();
    const denied = await s
      .timeout(2000)
      .emitWithAck('joinRequest:approve', { id, role: 'member', channelIds: [] });
    expect(denied).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const claim = await s.timeout(2000).emitWithAck('joinRequest:claim', { id });
    expect(claim).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });

    const mod = await createUser(server.application, { role: 'moderator' });
    const ms = await server.connect({ cookie: mod.cookie });
    const noDate = await ms
      .timeout(2000)
      .emitWithAck('joinRequest:approve', { id, role: 'guest', channelIds: [] });
    expect(noDate).toMatchObject({ ok: false, error: { code: 'VALIDATION_ERROR' } });
    const guestUntil = new Date(Date.now() + 30 * 86_400_000).toISOString();
    const ok = await ms
      .timeout(2000)
      .emitWithAck('joinRequest:approve', { id, role: 'guest', guestUntil, channelIds: [] });
    expect(ok.ok).toBe(true);
    expect((await UserModel.findOne({ email: body.email }).lean())!.role).toBe('guest');
  });
});

describe('periodic jobs', () => {
  it('purges unverified requests after 7 days and rejected ones after 30, with their links', async () => {
    const day = 86_400_000;
    const old = (d: number) => new Date(Date.now() - d * day);
    const base = { name: 'x', municipalityCode: '091', language: 'fi' as const };
    const [u8, u6, r31, r29, p40] = await JoinRequestModel.create([
      { ...base, email: 'u8@example.test', status: 'unverified', createdAt: old(8) },
      { ...base, email: 'u6@example.test', status: 'unverified', createdAt: old(6) },
      {
        ...base,
        email: 'r31@example.test',
        status: 'rejected',
        createdAt: old(40),
        decidedAt: old(31),
      },
      {
        ...base,
        email: 'r29@example.test',
        status: 'rejected',
        createdAt: old(40),
        decidedAt: old(29),
      },
      {
        ...base,
        email: 'p40@example.test',
        status: 'pending',
        createdAt: old(40),
        verifiedAt: old(40),
      },
    ]);
    await TokenModel.create({
      hash: 'h-u8',
      purpose: 'verify-email',
      requestId: u8!._id,
      createdAt: old(8),
      expiresAt: new Date(Date.now() + day),
    });
    const counts = await runRetention(server.application.app);
    expect(counts.unverified).toBeGreaterThanOrEqual(1);
    expect(counts.rejected).toBeGreaterThanOrEqual(1);
    const left = (
      await JoinRequestModel.find({
        _id: { $in: [u8!._id, u6!._id, r31!._id, r29!._id, p40!._id] },
      }).lean()
    ).map((r) => r.email);
    expect(left.sort()).toEqual(['p40@example.test', 'r29@example.test', 'u6@example.test']);
    expect(await TokenModel.countDocuments({ requestId: u8!._id })).toBe(0);
    await JoinRequestModel.deleteMany({ _id: { $in: [u6!._id, r29!._id, p40!._id] } });
  });

  it('reminds moderators once about requests waiting longer than JOIN_REMINDER_HOURS', async () => {
    const mod = await createUser(server.application, { role: 'moderator', language: 'sv' });
    const modEmail = (await UserModel.findById(mod.id).lean())!.email;
    await JoinRequestModel.create({
      name: 'y',
      email: 'wait@example.test',
      municipalityCode: '091',
      language: 'fi',
      status: 'pending',
      createdAt: new Date(Date.now() - 30 * 3_600_000),
      verifiedAt: new Date(Date.now() - 25 * 3_600_000),
    });
    expect(await remind()).toBeGreaterThanOrEqual(1);
    const [mail] = await mailsTo(smtp, modEmail);
    expect(mail!.subject).toMatch(/väntar/);
    expect(mail!.link).toBe('http://localhost:3999/moderointi');
    expect(await remind()).toBe(0);
  });
});

describe('rooms', () => {
  it('uses the protocol room for moderators', () =>
    expect(rooms.moderators()).toBe('role:moderators'));
});
