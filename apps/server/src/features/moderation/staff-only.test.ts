import type { ClientEventName } from '@yhteistyotila/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UserModel } from '../../auth/user.model.js';
import { api } from '../../test/access-helpers.js';
import { createUser, type TestUser } from '../../test/factories.js';
import { barrier, collect, startTestServer, type TestServer } from '../../test/harness.js';
import {
  call,
  callRaw,
  clientId,
  connectAllReady,
  connectReady,
  createUsers,
  errorCode,
  ok,
} from '../../test/sockets.js';
import { AuditModel } from '../audit/index.js';
import { ReportModel } from '../reports/report.model.js';

/*
 * Issue 11 as a hostile person would try it, over this run's transport (WebSocket, and again
 * long-polling in the server-polling project): a member calling every staff event and route, a
 * moderator reaching for admin powers, a reporter reading another's report, and a moderator
 * trying to read more of a reported DM than its one message. Each attempt must change nothing.
 */

let server: TestServer;
let member: TestUser, other: TestUser, mod: TestUser, admin: TestUser;

beforeAll(async () => {
  server = await startTestServer();
  [member, other, mod, admin] = await createUsers(server, [
    { name: 'Hilkka Hyökkääjä' },
    { name: 'Olli Toinen' },
    { role: 'moderator', name: 'Mauri Moderaattori' },
    { role: 'admin', name: 'Aila Ylläpitäjä' },
  ]);
});
afterAll(() => server.close());

const auditCount = () => AuditModel.countDocuments({});

describe('a member calls the staff events and routes', () => {
  it('is refused with FORBIDDEN for each, and nothing is written', async () => {
    const s = await connectReady(server, member.cookie);
    const as = await connectReady(server, admin.cookie);
    const { conversations } = await ok(as, 'conversation:list', {});
    const channelId = conversations.find((c) => c.name === 'yleinen')!.id;
    const { mute } = await ok(as, 'moderation:mute', {
      userId: other.id,
      conversationId: channelId,
      duration: '1h',
      reason: 'Rauhoittumisaika',
    });
    const os = await connectReady(server, other.cookie);
    const { message } = await ok(as, 'message:send', {
      conversationId: channelId,
      clientId: clientId(),
      text: 'Ylläpidon viesti',
    });
    const { report } = await ok(os, 'report:create', {
      target: { type: 'message', messageId: message.id },
      category: 'spam',
    });
    const before = await auditCount();
    const attempts: [ClientEventName, unknown][] = [
      ['report:list', {}],
      ['report:list', { status: 'resolved' }],
      ['report:claim', { id: report.id }],
      ['report:release', { id: report.id }],
      ['report:resolve', { id: report.id, outcome: 'removed', reason: 'x' }],
      ['moderation:notify', { userId: other.id, kind: 'warning', text: 'Varoitus', reason: 'x' }],
      [
        'moderation:mute',
        { userId: other.id, conversationId: channelId, duration: '7d', reason: 'x' },
      ],
      ['moderation:liftMute', { muteId: mute.id, reason: 'x' }],
      ['moderation:person', { userId: other.id }],
      ['audit:list', {}],
      ['people:list', {}],
      ['people:get', { userId: other.id }],
      ['user:setRole', { userId: other.id, role: 'admin' }],
      ['user:setRole', { userId: member.id, role: 'admin' }],
      ['user:setExpert', { userId: other.id, expert: true }],
      ['user:setExpert', { userId: member.id, expert: true }],
      [
        'user:setGuestUntil',
        { userId: other.id, guestUntil: new Date(Date.now() + 30 * 86_400_000).toISOString() },
      ],
      ['user:endGuest', { userId: other.id }],
      ['user:setStatus', { userId: other.id, status: 'suspended', reason: 'x' }],
      ['joinRequest:list', { status: 'rejected' }],
      ['joinRequest:list', { status: 'approved' }],
    ];
    for (const [event, payload] of attempts)
      expect([event, errorCode(await callRaw(s, event, payload))]).toEqual([event, 'FORBIDDEN']);

    const exported = await api(server, 'GET', '/audit/export.csv', { cookie: member.cookie });
    expect(exported.status).toBe(403);
    const published = await api(server, 'POST', '/privacy/versions', {
      cookie: member.cookie,
      body: { version: '2099-01-01', texts: { fi: 'a', sv: 'b', en: 'c' } },
    });
    expect(published.status).toBe(403);

    // Nothing changed: no audit entry, the report open and unclaimed, the mute in force, the
    // people as they were.
    expect(await auditCount()).toBe(before);
    const stored = await ReportModel.findById(report.id).lean();
    expect([stored?.status, stored?.claimedBy ?? null]).toEqual(['open', null]);
    const people = await UserModel.find(
      { _id: { $in: [member.id, other.id] } },
      { role: 1, expert: 1, status: 1 },
    ).lean();
    for (const p of people)
      expect([p.role, p.expert ?? false, p.status]).toEqual(['member', false, 'active']);
    expect(
      errorCode(
        await call(os, 'message:send', {
          conversationId: channelId,
          clientId: clientId(),
          text: 'Yritän silti',
        }),
      ),
    ).toBe('MUTED');
    await ok(as, 'moderation:liftMute', { muteId: mute.id, reason: 'Testi ohi' });
    for (const x of [s, as, os]) x.disconnect();
  });
});

describe('a moderator reaches for admin powers', () => {
  it('cannot make anyone a moderator or an admin, nor touch staff, nor publish a statement', async () => {
    const ms = await connectReady(server, mod.cookie);
    const target = await createUser(server.application, { name: 'Kalle Kohde' });
    const before = await auditCount();
    for (const role of ['moderator', 'admin'] as const) {
      expect(errorCode(await call(ms, 'user:setRole', { userId: target.id, role }))).toBe(
        'FORBIDDEN',
      );
      // Nor themselves (an admin too is refused on themselves).
      expect(errorCode(await call(ms, 'user:setRole', { userId: mod.id, role }))).toBe('FORBIDDEN');
    }
    for (const attempt of [
      call(ms, 'user:setRole', { userId: admin.id, role: 'member' }),
      call(ms, 'user:setExpert', { userId: admin.id, expert: true }),
      call(ms, 'user:setStatus', { userId: admin.id, status: 'suspended', reason: 'x' }),
      call(ms, 'moderation:notify', {
        userId: admin.id,
        kind: 'warning',
        text: 'Varoitus',
        reason: 'x',
      }),
    ])
      expect(errorCode(await attempt)).toBe('FORBIDDEN');
    const published = await api(server, 'POST', '/privacy/versions', {
      cookie: mod.cookie,
      body: { version: '2099-01-02', texts: { fi: 'a', sv: 'b', en: 'c' } },
    });
    expect(published.status).toBe(403);
    expect(await auditCount()).toBe(before);
    const [t, a, m] = await Promise.all(
      [target.id, admin.id, mod.id].map((id) => UserModel.findById(id, { role: 1 }).lean()),
    );
    expect([t?.role, a?.role, m?.role]).toEqual(['member', 'admin', 'moderator']);
    ms.disconnect();
  });
});

describe('a moderator made a member again', () => {
  it('stops hearing the report queue on the socket already open, and is refused it', async () => {
    const former = await createUser(server.application, {
      role: 'moderator',
      name: 'Entinen Moderaattori',
    });
    const [fs, as, os] = await connectAllReady(server, [former, admin, other]);
    await ok(as, 'user:setRole', { userId: former.id, role: 'member' });
    const hears = collect(fs, 'report:created');
    const adminHears = collect(as, 'report:created');
    const { report } = await ok(os, 'report:create', {
      target: { type: 'profile', userId: admin.id },
      category: 'other',
      note: 'Kokeilu',
    });
    await barrier(server, fs, as);
    expect(adminHears.map((r) => r.id)).toContain(report.id);
    expect(hears).toEqual([]);
    expect(errorCode(await call(fs, 'report:list', {}))).toBe('FORBIDDEN');
    for (const x of [fs, as, os]) x.disconnect();
  });
});

describe("another person's report", () => {
  it('is neither listed for nor announced to anyone but its reporter and staff', async () => {
    const author = await createUser(server.application, { name: 'Aino Kirjoittaja' });
    const [rs, ns, as, ms] = await connectAllReady(server, [other, member, author, mod]);
    const { conversations } = await ok(as, 'conversation:list', {});
    const channelId = conversations.find((c) => c.name === 'yleinen')!.id;
    const { message } = await ok(as, 'message:send', {
      conversationId: channelId,
      clientId: clientId(),
      text: 'Ilmoitettava viesti',
    });
    const { report } = await ok(rs, 'report:create', {
      target: { type: 'message', messageId: message.id },
      category: 'harassment',
      note: 'Oma huomioni',
    });
    const nosyHears = collect(ns, 'report:resolved');
    const reporterHears = collect(rs, 'report:resolved');
    await ok(ms, 'report:resolve', { id: report.id, outcome: 'dismissed', reason: 'Ei rikettä' });
    await barrier(server, ns, rs);
    expect(nosyHears).toEqual([]);
    expect(reporterHears.map((r) => [r.id, r.status])).toEqual([[report.id, 'dismissed']]);
    // The reporter is told the outcome, not who decided or in which words.
    expect(JSON.stringify(reporterHears)).not.toContain('Ei rikettä');
    expect(JSON.stringify(reporterHears)).not.toContain(mod.id);
    const { reports } = await ok(ns, 'report:mine', {});
    expect(reports.map((r) => r.id)).not.toContain(report.id);
    for (const x of [rs, ns, as, ms]) x.disconnect();
  });
});

describe('a reported DM message', () => {
  it('gives a moderator neither its thread, nor its edits, nor a hand in it', async () => {
    const [a, b] = await Promise.all([
      createUser(server.application, { name: 'Daniela Viestijä' }),
      createUser(server.application, { name: 'Erkki Vastaanottaja' }),
    ]);
    const [as, bs, ms] = await connectAllReady(server, [a, b, mod]);
    const { conversation: dm } = await ok(as, 'dm:open', { userIds: [b.id] });
    const { message: root } = await ok(as, 'message:send', {
      conversationId: dm.id,
      clientId: clientId(),
      text: 'Ensimmäinen versio',
    });
    await ok(as, 'message:edit', { messageId: root.id, text: 'Toinen versio' });
    await ok(bs, 'message:send', {
      conversationId: dm.id,
      clientId: clientId(),
      text: 'Vastaus ketjuun, yksityinen',
      threadRootId: root.id,
    });
    const { report } = await ok(bs, 'report:create', {
      target: { type: 'message', messageId: root.id },
      category: 'harassment',
    });
    const { reports } = await ok(ms, 'report:list', {});
    const seen = JSON.stringify(reports.find((r) => r.id === report.id));
    expect(seen).toContain('Toinen versio');
    expect(seen).not.toContain('Ensimmäinen versio');
    expect(seen).not.toContain('yksityinen');
    for (const attempt of [
      call(ms, 'message:history', { conversationId: dm.id, threadRootId: root.id }),
      call(ms, 'message:edits', { messageId: root.id }),
      call(ms, 'message:react', { messageId: root.id, emoji: '👍', reacted: true }),
      call(ms, 'message:pin', { messageId: root.id, pinned: true }),
      call(ms, 'message:pins', { conversationId: dm.id }),
      call(ms, 'thread:follow', { threadRootId: root.id, following: true }),
      call(ms, 'message:send', {
        conversationId: dm.id,
        clientId: clientId(),
        text: 'Moderaattori tässä',
        threadRootId: root.id,
      }),
      call(ms, 'report:create', {
        target: { type: 'message', messageId: root.id },
        category: 'spam',
      }),
    ])
      expect(errorCode(await attempt)).toBe('NOT_FOUND');
    const { hits } = await ok(ms, 'search:query', { q: 'versio' });
    expect(JSON.stringify(hits)).not.toContain(dm.id);
    for (const x of [as, bs, ms]) x.disconnect();
  });
});
