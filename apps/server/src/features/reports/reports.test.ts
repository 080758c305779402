import { myReportSchema, reportSchema, type Message } from '@yhteistyotila/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UserModel } from '../../auth/user.model.js';
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
import { AuditModel } from '../audit/audit.model.js';
import { ReportModel } from './report.model.js';
import { DECIDED_REPORT_RETENTION_DAYS, purgeDecidedReports } from './reports.jobs.js';
import { REPORTS_PER_HOUR } from './reports.socket.js';

let server: TestServer;
let reporter: TestUser, author: TestUser, bystander: TestUser, mod: TestUser, mod2: TestUser;
let channelId: string;

beforeAll(async () => {
  server = await startTestServer();
  [reporter, author, bystander, mod, mod2] = await createUsers(server, [
    { name: 'Raili Reporter' },
    { name: 'Aki Author' },
    { name: 'Bea Bystander' },
    { role: 'moderator', name: 'Mona Moderator' },
    { role: 'admin', name: 'Atte Admin' },
  ]);
  const s = await connectReady(server, reporter.cookie);
  const { conversations } = await ok(s, 'conversation:list', {});
  channelId = conversations.find((c) => c.name === 'yleinen')!.id;
  s.disconnect();
});
afterAll(() => server.close());

/** Fresh sockets of the fixture's people (each test hears only its own events). */
const connectAll = () => connectAllReady(server, [reporter, author, bystander, mod, mod2] as const);

const post = async (socket: Parameters<typeof ok>[0], conversationId: string, text: string) =>
  (await ok(socket, 'message:send', { conversationId, clientId: clientId(), text })).message;

/** A reporter of their own, so that the rate limit of one test never reaches another. */
const freshReporter = async () => {
  const user = await createUser(server.application, { name: 'Uusi Ilmoittaja' });
  return { user, socket: await connectReady(server, user.cookie) };
};

describe('reporting', () => {
  it('reaches moderators and admins live, and nobody else; only staff may list reports', async () => {
    const [rs, as, bs, ms, m2s] = await connectAll();
    const heard = [as, bs, ms, m2s].map((s) => collect(s, 'report:created'));
    const message = await post(as, channelId, 'Ostakaa halpoja kelloja!');
    const { report } = await ok(rs, 'report:create', {
      target: { type: 'message', messageId: message.id },
      category: 'spam',
      note: 'mainos',
    });
    expect(myReportSchema.parse(report).status).toBe('open');
    await barrier(server, as, bs, ms, m2s);
    const [toAuthor, toBystander, toMod, toAdmin] = heard;
    expect(toAuthor).toEqual([]);
    expect(toBystander).toEqual([]);
    for (const got of [toMod!, toAdmin!]) {
      const live = reportSchema.parse(got.find((r) => r.id === report.id));
      expect(live.snapshot).toMatchObject({
        text: 'Ostakaa halpoja kelloja!',
        person: { id: author.id },
        // A seeded channel: its key lets each moderator read its name in their own language.
        place: {
          kind: 'public-channel',
          conversationId: channelId,
          name: 'yleinen',
          defaultKey: 'yleinen',
        },
      });
      expect(live.reporter?.id).toBe(reporter.id);
      expect(live.note).toBe('mainos');
    }
    expect(errorCode(await call(bs, 'report:list', {}))).toBe('FORBIDDEN');
    expect(errorCode(await call(rs, 'report:claim', { id: report.id }))).toBe('FORBIDDEN');
    const listed = await ok(ms, 'report:list', {});
    expect(listed.reports.map((r) => r.id)).toContain(report.id);
    // Reporting the same message again while it is open adds nothing to the queue.
    const again = await ok(rs, 'report:create', {
      target: { type: 'message', messageId: message.id },
      category: 'harassment',
    });
    expect(again.report.id).toBe(report.id);
  });

  it('a reported DM gives moderators that one message, and nothing else of the DM', async () => {
    const [rs, as, , ms] = await connectAll();
    const { conversation: dm } = await ok(rs, 'dm:open', { userIds: [author.id] });
    await post(as, dm.id, 'Aiempi viesti, yksityinen');
    const reported = await post(as, dm.id, 'Tässä lapsen henkilötunnus 010120A123B');
    const later = await post(as, dm.id, 'Myöhempi viesti, yksityinen');
    const modHears = collect(ms, 'report:created');
    const modHearsMessages = collect(ms, 'message:updated');
    const { report } = await ok(rs, 'report:create', {
      target: { type: 'message', messageId: reported.id },
      category: 'child-personal-data',
    });
    await barrier(server, ms);
    const live = modHears.find((r) => r.id === report.id)!;
    expect(live.snapshot.text).toBe('Tässä lapsen henkilötunnus 010120A123B');
    expect(live.snapshot.place).toEqual({ kind: 'dm' });
    const { reports } = await ok(ms, 'report:list', {});
    const json = JSON.stringify(reports);
    expect(json).not.toContain(dm.id);
    expect(json).not.toContain('yksityinen');
    // Still nothing else: history, catch-up, joining, other messages, the participants list.
    for (const attempt of [
      call(ms, 'message:history', { conversationId: dm.id }),
      call(ms, 'conversation:sync', { conversationId: dm.id, sinceChangeSeq: 0 }),
      call(ms, 'conversation:get', { conversationId: dm.id }),
      call(ms, 'conversation:members', { conversationId: dm.id }),
      call(ms, 'channel:join', { conversationId: dm.id }),
      call(ms, 'message:edits', { messageId: later.id }),
      call(ms, 'message:delete', { messageId: later.id, reason: 'kokeilu' }),
      call(ms, 'message:history', { conversationId: dm.id, around: reported.id }),
    ])
      expect(errorCode(await attempt)).toBe('NOT_FOUND');
    // ...but the right to remove that one message.
    const authorHears = collect(as, 'message:updated');
    const { report: resolved } = await ok(ms, 'report:resolve', {
      id: report.id,
      outcome: 'removed',
      reason: 'Lapsen henkilötunnus',
    });
    expect(resolved.status).toBe('removed');
    await expect.poll(() => authorHears.map((e) => e.message.id)).toContain(reported.id);
    await barrier(server, ms);
    expect(modHearsMessages.filter((e) => e.message.conversationId === dm.id)).toEqual([]);
    expect(errorCode(await call(ms, 'message:history', { conversationId: dm.id }))).toBe(
      'NOT_FOUND',
    );
    const { messages } = await ok(rs, 'message:history', { conversationId: dm.id });
    expect(messages.map((m) => [m.text, m.removedByModerator])).toEqual([
      ['Aiempi viesti, yksityinen', false],
      ['', true],
      ['Myöhempi viesti, yksityinen', false],
    ]);
  });

  it("orders the open queue: a child's personal data first, then oldest first", async () => {
    const [, as, , ms] = await connectAll();
    const texts = ['Järjestys A', 'Järjestys B', 'Järjestys C'];
    const messages: Message[] = [];
    for (const t of texts) messages.push(await post(as, channelId, t));
    const made: string[] = [];
    for (const [i, category] of (
      ['spam', 'harassment', 'child-personal-data'] as const
    ).entries()) {
      const { socket } = await freshReporter();
      const { report } = await ok(socket, 'report:create', {
        target: { type: 'message', messageId: messages[i]!.id },
        category,
      });
      made.push(report.id);
    }
    const { reports } = await ok(ms, 'report:list', {});
    const order = reports.map((r) => r.id).filter((id) => made.includes(id));
    expect(order).toEqual([made[2], made[0], made[1]]);
    const children = reports.filter((r) => r.category === 'child-personal-data');
    expect(reports.slice(0, children.length)).toEqual(children);
  });

  it('lets one moderator claim and decide; the other gets CONFLICT, and two decisions at once make one', async () => {
    const [, as, , ms, m2s] = await connectAll();
    const message = await post(as, channelId, 'Kilpailtu viesti');
    const { socket } = await freshReporter();
    const { report } = await ok(socket, 'report:create', {
      target: { type: 'message', messageId: message.id },
      category: 'harassment',
    });
    const modHears = collect(m2s, 'report:updated');
    await ok(ms, 'report:claim', { id: report.id });
    expect(errorCode(await call(m2s, 'report:claim', { id: report.id }))).toBe('CONFLICT');
    expect(
      errorCode(
        await call(m2s, 'report:resolve', { id: report.id, outcome: 'dismissed', reason: 'x' }),
      ),
    ).toBe('CONFLICT');
    await ok(ms, 'report:release', { id: report.id });
    await barrier(server, m2s);
    expect(modHears.filter((r) => r.id === report.id).map((r) => r.claimedBy?.id ?? null)).toEqual([
      mod.id,
      null,
    ]);
    // Released, it is free again; then two decisions at the same moment: exactly one.
    const decisions = await Promise.all([
      call(ms, 'report:resolve', { id: report.id, outcome: 'removed', reason: 'Häirintää' }),
      call(m2s, 'report:resolve', { id: report.id, outcome: 'removed', reason: 'Häirintää' }),
    ]);
    expect(decisions.filter((d) => d.ok)).toHaveLength(1);
    expect(errorCode(decisions.find((d) => !d.ok)!)).toBe('CONFLICT');
    expect(
      await AuditModel.countDocuments({ action: 'message.remove', targetId: message.id }),
    ).toBe(1);
  });
});

describe('removal by a moderator', () => {
  it('leaves a tombstone with the reason for the author only, one audit record, and no search hit', async () => {
    const [rs, as, bs, ms] = await connectAll();
    const word = `poistettavasana${Date.now().toString(36)}`;
    const message = await post(as, channelId, `Tämä on ${word} viesti`);
    await expect.poll(async () => (await ok(bs, 'search:query', { q: word })).hits.length).toBe(1);
    const authorHears = collect(as, 'message:updated');
    const bystanderHears = collect(bs, 'message:updated');
    const reporterResolved = collect(rs, 'report:resolved');
    const { report } = await ok(rs, 'report:create', {
      target: { type: 'message', messageId: message.id },
      category: 'misinformation',
    });
    await ok(ms, 'report:resolve', {
      id: report.id,
      outcome: 'removed',
      reason: 'Virheellistä tietoa rokotteista',
    });
    await barrier(server, as, bs, rs);
    const mine = authorHears.filter((e) => e.message.id === message.id);
    const theirs = bystanderHears.filter((e) => e.message.id === message.id);
    expect(mine.map((e) => e.message.removalReason)).toEqual(['Virheellistä tietoa rokotteista']);
    expect(theirs.map((e) => [e.message.removedByModerator, e.message.removalReason])).toEqual([
      [true, null],
    ]);
    expect(theirs[0]!.message.text).toBe('');
    // The reporter is told the outcome, live and in their list.
    expect(reporterResolved.map((r) => [r.id, r.status])).toEqual([[report.id, 'removed']]);
    const { reports } = await ok(rs, 'report:mine', {});
    expect(reports.find((r) => r.id === report.id)?.status).toBe('removed');
    expect(JSON.stringify(reports)).not.toContain('rokotteista');
    // Reading it again: the author's copy carries the reason, anyone else's does not.
    const around = { conversationId: channelId, around: message.id };
    const forAuthor = (await ok(as, 'message:history', around)).messages.find(
      (m) => m.id === message.id,
    );
    const forOther = (await ok(bs, 'message:history', around)).messages.find(
      (m) => m.id === message.id,
    );
    expect(forAuthor?.removalReason).toBe('Virheellistä tietoa rokotteista');
    expect(forOther).toMatchObject({ removedByModerator: true, removalReason: null, text: '' });
    const synced = await ok(as, 'conversation:sync', {
      conversationId: channelId,
      sinceChangeSeq: 0,
    });
    expect(synced.messages.find((m) => m.id === message.id)?.removalReason).toBe(
      'Virheellistä tietoa rokotteista',
    );
    expect((await ok(bs, 'search:query', { q: word })).hits).toEqual([]);
    const audit = await AuditModel.find({ targetId: message.id }).lean();
    expect(audit.map((a) => [a.action, a.reason, a.details])).toEqual([
      [
        'message.remove',
        'Virheellistä tietoa rokotteista',
        expect.objectContaining({ reportId: report.id, authorId: author.id }),
      ],
    ]);
  });

  it('"delete any" asks a reason, leaves the same tombstone and writes one audit record however often it is pressed', async () => {
    const [, as, , ms] = await connectAll();
    const message = await post(as, channelId, 'Poistettava suoraan');
    const noReason = await call(ms, 'message:delete', { messageId: message.id });
    expect(errorCode(noReason)).toBe('VALIDATION_ERROR');
    expect(!noReason.ok && noReason.error.issues).toEqual([{ path: 'reason', code: 'too_small' }]);
    const both = await Promise.all([
      call(ms, 'message:delete', { messageId: message.id, reason: 'Asiaton' }),
      call(ms, 'message:delete', { messageId: message.id, reason: 'Asiaton' }),
    ]);
    expect(both.every((r) => r.ok && r.data.message.removedByModerator)).toBe(true);
    expect(
      await AuditModel.countDocuments({ action: 'message.remove', targetId: message.id }),
    ).toBe(1);
    // The author deleting their own message leaves a plain tombstone and no audit record.
    const own = await post(as, channelId, 'Oma poisto');
    const { message: deleted } = await ok(as, 'message:delete', { messageId: own.id });
    expect(deleted).toMatchObject({ removedByModerator: false, removalReason: null });
    expect(await AuditModel.countDocuments({ targetId: own.id })).toBe(0);
  });
});

describe('bad input and limits', () => {
  it('answers bad reports with stable codes and stores nothing', async () => {
    const [rs, as, , ms] = await connectAll();
    const message = await post(as, channelId, 'Hyvä viesti');
    const target = { type: 'message', messageId: message.id };
    const before = await ReportModel.countDocuments({});
    for (const payload of [
      { target, category: 'nonsense' },
      { target: { type: 'library', id: message.id }, category: 'spam' },
      { target, category: 'spam', note: 'x'.repeat(1001) },
      { target, category: 'spam', extra: true },
      { target: { type: 'message', messageId: 'nope' }, category: 'spam' },
    ])
      expect(errorCode(await callRaw(rs, 'report:create', payload))).toBe('VALIDATION_ERROR');
    // Something the reporter cannot see is answered like something that does not exist.
    const { conversation: dm } = await ok(as, 'dm:open', { userIds: [bystander.id] });
    const hidden = await post(as, dm.id, 'Kahden kesken');
    expect(
      errorCode(
        await call(rs, 'report:create', {
          target: { type: 'message', messageId: hidden.id },
          category: 'spam',
        }),
      ),
    ).toBe('NOT_FOUND');
    expect(
      errorCode(
        await call(rs, 'report:create', {
          target: { type: 'profile', userId: reporter.id },
          category: 'spam',
        }),
      ),
    ).toBe('VALIDATION_ERROR');
    expect(await ReportModel.countDocuments({})).toBe(before);
    // A profile is reported and may be dismissed, never "removed".
    const { report } = await ok(rs, 'report:create', {
      target: { type: 'profile', userId: author.id },
      category: 'harassment',
    });
    expect(
      errorCode(
        await call(ms, 'report:resolve', { id: report.id, outcome: 'removed', reason: 'x' }),
      ),
    ).toBe('VALIDATION_ERROR');
    expect(
      errorCode(
        await callRaw(ms, 'report:resolve', { id: report.id, outcome: 'dismissed', reason: ' ' }),
      ),
    ).toBe('VALIDATION_ERROR');
    await ok(ms, 'report:resolve', { id: report.id, outcome: 'dismissed', reason: 'Ei rikettä' });
    const dismissed = await AuditModel.find({
      action: 'report.dismiss',
      targetId: report.id,
    }).lean();
    expect(dismissed.map((a) => a.reason)).toEqual(['Ei rikettä']);
  });

  it(`limits a person to ${REPORTS_PER_HOUR} reports an hour`, async () => {
    // A fresh author too: the fixture's author would meet the message-send limit (30 in 10 s),
    // and so would every test after this one.
    const { socket: poster } = await freshReporter();
    const { socket } = await freshReporter();
    const codes: string[] = [];
    for (let i = 0; i <= REPORTS_PER_HOUR; i++) {
      const m = await post(poster, channelId, `Raja ${i}`);
      codes.push(
        errorCode(
          await call(socket, 'report:create', {
            target: { type: 'message', messageId: m.id },
            category: 'spam',
          }),
        ),
      );
    }
    expect(codes.slice(0, REPORTS_PER_HOUR).every((c) => c === 'OK')).toBe(true);
    expect(codes.at(-1)).toBe('RATE_LIMITED');
  });

  it('needs current consent: no reporting, and a moderator without it hears no reports', async () => {
    const [, as] = await connectAll();
    const stale = await createUser(server.application, {
      role: 'moderator',
      name: 'Vanha Suostumus',
    });
    await UserModel.updateOne({ _id: stale.id }, { $set: { consentVersion: '2000-01-01' } });
    const staleSocket = await server.connect({ cookie: stale.cookie });
    const heard = collect(staleSocket, 'report:created');
    const message = await post(as, channelId, 'Suostumustesti');
    expect(
      errorCode(
        await call(staleSocket, 'report:create', {
          target: { type: 'message', messageId: message.id },
          category: 'spam',
        }),
      ),
    ).toBe('CONSENT_REQUIRED');
    expect(errorCode(await call(staleSocket, 'report:list', {}))).toBe('CONSENT_REQUIRED');
    const { socket } = await freshReporter();
    await ok(socket, 'report:create', {
      target: { type: 'message', messageId: message.id },
      category: 'spam',
    });
    await barrier(server, staleSocket);
    expect(heard).toEqual([]);
  });
});

describe('retention', () => {
  it(`deletes decided reports ${DECIDED_REPORT_RETENTION_DAYS} days after the decision, never open ones`, async () => {
    const [, as, , ms] = await connectAll();
    const { socket } = await freshReporter();
    const ids: string[] = [];
    for (const text of ['Säilytys 1', 'Säilytys 2']) {
      const m = await post(as, channelId, text);
      ids.push(
        (
          await ok(socket, 'report:create', {
            target: { type: 'message', messageId: m.id },
            category: 'other',
          })
        ).report.id,
      );
    }
    await ok(ms, 'report:resolve', { id: ids[0]!, outcome: 'dismissed', reason: 'Ei rikettä' });
    const later = new Date(Date.now() + (DECIDED_REPORT_RETENTION_DAYS + 1) * 86_400_000);
    expect(await purgeDecidedReports(later)).toBeGreaterThanOrEqual(1);
    expect(await ReportModel.exists({ _id: ids[0] })).toBeNull();
    expect(await ReportModel.exists({ _id: ids[1] })).not.toBeNull();
  });
});
