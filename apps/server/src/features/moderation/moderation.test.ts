import { MUTE_DURATIONS, type Ack } from '@yhteistyotila/protocol';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { UserModel } from '../../auth/user.model.js';
import { api, downloadMyData } from '../../test/access-helpers.js';
import { oid } from '../../db/object-id.js';
import { MuteModel } from './mute.model.js';
import { NoticeModel } from './notice.model.js';
import { createUser, type TestUser } from '../../test/factories.js';
import {
  barrier,
  collect,
  startTestServer,
  type TestServer,
  type TestSocket,
} from '../../test/harness.js';
import {
  call,
  clientId,
  connectAllReady,
  connectReady,
  createUsers,
  errorCode,
  ok,
} from '../../test/sockets.js';
import { AuditModel } from '../audit/index.js';

let server: TestServer;
let admin: TestUser, mod: TestUser, maija: TestUser, ville: TestUser, expert: TestUser;
let adminS: TestSocket,
  modS: TestSocket,
  maijaS: TestSocket,
  villeS: TestSocket,
  expertS: TestSocket;
/** Two public channels Maija and Ville are in; a mute in `here` must not reach `there`. */
let here: string, there: string;

beforeAll(async () => {
  server = await startTestServer();
  [admin, mod, maija, ville, expert] = await createUsers(server, [
    { role: 'admin', name: 'Aila Admin' },
    { role: 'moderator', name: 'Mona Moderaattori' },
    { name: 'Maija Meikäläinen', language: 'sv' },
    { name: 'Ville Vieras' },
    { expert: true, name: 'Eero Asiantuntija' },
  ]);
  [adminS, modS, maijaS, villeS, expertS] = await connectAllReady(server, [
    admin,
    mod,
    maija,
    ville,
    expert,
  ]);
  here = (await ok(modS, 'channel:create', { name: 'Tässä', visibility: 'public' })).conversation
    .id;
  there = (await ok(modS, 'channel:create', { name: 'Tuolla', visibility: 'public' })).conversation
    .id;
  for (const s of [maijaS, villeS, adminS])
    for (const conversationId of [here, there]) await ok(s, 'channel:join', { conversationId });
});
afterAll(() => server.close());

const send = (s: TestSocket, conversationId: string, threadRootId: string | null = null) =>
  call(s, 'message:send', { conversationId, clientId: clientId(), text: 'hei', threadRootId });
const react = (s: TestSocket, messageId: string) =>
  call(s, 'message:react', { messageId, emoji: '👍', reacted: true });
const mute = (by: TestSocket, userId: string, conversationId: string, reason = 'Kiihtyi') =>
  call(by, 'moderation:mute', { userId, conversationId, duration: '1h', reason });
const auditOf = (action: string, targetId: string) => AuditModel.find({ action, targetId }).lean();
const retryAfter = (res: Ack<unknown>) => (res.ok ? undefined : res.error.retryAfter);

/** A root message by Ville in `here`, for replies and reactions. */
const rootInHere = async () =>
  (
    await ok(villeS, 'message:send', {
      conversationId: here,
      clientId: clientId(),
      text: 'juuri',
    })
  ).message.id;

describe('a timed mute in a channel', () => {
  it('refuses posting, replying and reacting in that channel only, says until when, and lifting ends it', async () => {
    const root = await rootInHere();
    const changes = collect(maijaS, 'moderation:muteChanged');
    const { mute: m } = await ok(modS, 'moderation:mute', {
      userId: maija.id,
      conversationId: here,
      duration: '24h',
      reason: 'Toistuvaa kiusaamista',
    });
    expect(Date.parse(m.until) - Date.parse(m.at)).toBe(MUTE_DURATIONS['24h']);
    await expect.poll(() => changes.map((c) => c.mute.id)).toEqual([m.id]);

    for (const res of [
      await send(maijaS, here),
      await send(maijaS, here, root),
      await react(maijaS, root),
      // A member may set a channel's topic: not while muted there.
      await call(maijaS, 'channel:update', { conversationId: here, topic: 'Mykistettynä' }),
    ]) {
      expect(errorCode(res)).toBe('MUTED');
      // Seconds until the end, so the client can say when.
      expect(retryAfter(res)).toBeGreaterThan(MUTE_DURATIONS['24h'] / 1000 - 60);
      expect(retryAfter(res)).toBeLessThanOrEqual(MUTE_DURATIONS['24h'] / 1000);
    }
    // Elsewhere, and for everybody else here, nothing changed.
    expect(errorCode(await send(maijaS, there))).toBe('OK');
    expect(errorCode(await send(villeS, here))).toBe('OK');
    // She reads it in her own list.
    expect((await ok(maijaS, 'moderation:mine', {})).mutes.map((x) => x.id)).toEqual([m.id]);
    // A second mute while one is in force: lift first.
    expect(errorCode(await mute(modS, maija.id, here))).toBe('CONFLICT');

    const { mute: lifted } = await ok(modS, 'moderation:liftMute', {
      muteId: m.id,
      reason: 'Sovittu',
    });
    expect(lifted.liftedAt).not.toBeNull();
    await expect.poll(() => changes.at(-1)?.mute.liftedAt ?? null).not.toBeNull();
    expect(errorCode(await send(maijaS, here))).toBe('OK');
    expect(errorCode(await react(maijaS, root))).toBe('OK');
    expect((await ok(maijaS, 'moderation:mine', {})).mutes).toEqual([]);
    expect(
      errorCode(await call(modS, 'moderation:liftMute', { muteId: m.id, reason: 'uudestaan' })),
    ).toBe('CONFLICT');

    // Exactly one audit record per step, each with its reason.
    const muted = (await auditOf('moderation.mute', maija.id)).filter(
      (a) => a.details.muteId === m.id,
    );
    const liftedRecords = (await auditOf('moderation.liftMute', maija.id)).filter(
      (a) => a.details.muteId === m.id,
    );
    expect(muted.map((a) => [String(a.actorId), a.reason, a.details.conversationId])).toEqual([
      [mod.id, 'Toistuvaa kiusaamista', here],
    ]);
    expect(liftedRecords.map((a) => a.reason)).toEqual(['Sovittu']);
  });

  it('a muted person can still delete their own message', async () => {
    const { message } = await ok(maijaS, 'message:send', {
      conversationId: here,
      clientId: clientId(),
      text: 'oops',
    });
    const { mute: m } = await ok(modS, 'moderation:mute', {
      userId: maija.id,
      conversationId: here,
      duration: '1h',
      reason: 'r',
    });
    expect(errorCode(await call(maijaS, 'message:delete', { messageId: message.id }))).toBe('OK');
    await ok(modS, 'moderation:liftMute', { muteId: m.id, reason: 'r' });
  });

  it('a reason is required, and the channel must be one the moderator can see', async () => {
    expect(errorCode(await mute(modS, maija.id, here, '   '))).toBe('VALIDATION_ERROR');
    const hidden = (await ok(villeS, 'channel:create', { name: 'Salainen', visibility: 'private' }))
      .conversation.id;
    await ok(villeS, 'channel:invite', { conversationId: hidden, userIds: [maija.id] });
    expect(errorCode(await mute(modS, maija.id, hidden))).toBe('NOT_FOUND');
    const dm = (await ok(modS, 'dm:open', { userIds: [maija.id] })).conversation.id;
    expect(errorCode(await mute(modS, maija.id, dm))).toBe('NOT_FOUND');
  });
});

describe('a mute in a private channel', () => {
  it('is shown to staff in that channel only: its name and id stay the channel’s', async () => {
    const { conversation } = await ok(modS, 'channel:create', {
      name: `Salainen ${Date.now().toString(36)}`,
      visibility: 'private',
    });
    await ok(modS, 'channel:invite', { conversationId: conversation.id, userIds: [maija.id] });
    const { mute } = await ok(modS, 'moderation:mute', {
      userId: maija.id,
      conversationId: conversation.id,
      duration: '1h',
      reason: 'Rauhoitetaan',
    });
    const seenBy = async (s: TestSocket) =>
      (await ok(s, 'moderation:person', { userId: maija.id })).mutes.map((m) => m.id);
    expect(await seenBy(modS)).toContain(mute.id);
    expect(await seenBy(adminS)).not.toContain(mute.id);
    await ok(modS, 'moderation:liftMute', { muteId: mute.id, reason: 'Selvä' });
  });
});

describe('notes and warnings from the moderators', () => {
  it('reach the person live, are listed for them, and each writes one audit record with its reason', async () => {
    const mine = collect(maijaS, 'moderation:noticed');
    const others = collect(villeS, 'moderation:noticed');
    const { notice: note } = await ok(modS, 'moderation:notify', {
      userId: maija.id,
      kind: 'note',
      template: 'childData',
      reason: 'Lapsen nimi viestissä',
    });
    // Unedited: the template speaks, in the reader's language (her app renders it).
    expect(note).toMatchObject({ kind: 'note', template: 'childData', text: null });
    const { notice: warning } = await ok(modS, 'moderation:notify', {
      userId: maija.id,
      kind: 'warning',
      template: 'guidelines',
      text: 'Muokattu varoitus: pysy asiassa.',
      reason: 'Toinen kerta',
    });
    // Edited: the moderator's text, no template.
    expect(warning).toMatchObject({
      kind: 'warning',
      template: null,
      text: 'Muokattu varoitus: pysy asiassa.',
    });
    await expect.poll(() => mine.map((n) => n.notice.id)).toEqual([note.id, warning.id]);
    await barrier(server, villeS);
    expect(others).toEqual([]);

    const listed = (await ok(maijaS, 'moderation:mine', {})).notices.map((n) => n.id);
    expect(listed.slice(0, 2)).toEqual([warning.id, note.id]);
    // What she sees never says which moderator sent it, nor the staff's reason.
    expect(JSON.stringify(await ok(maijaS, 'moderation:mine', {}))).not.toMatch(
      /Toinen kerta|Mona/,
    );
    // Staff see the same list on her page.
    const page = await ok(modS, 'moderation:person', { userId: maija.id });
    expect(page.notices.map((n) => n.id)).toContain(warning.id);
    expect(page.channels.map((c) => c.id)).toEqual(expect.arrayContaining([here, there]));

    expect(
      (await auditOf('moderation.note', maija.id))
        .filter((a) => a.details.noticeId === note.id)
        .map((a) => a.reason),
    ).toEqual(['Lapsen nimi viestissä']);
    expect(
      (await auditOf('moderation.warn', maija.id))
        .filter((a) => a.details.noticeId === warning.id)
        .map((a) => a.reason),
    ).toEqual(['Toinen kerta']);
    expect(
      errorCode(
        await call(modS, 'moderation:notify', { userId: maija.id, kind: 'note', reason: 'r' }),
      ),
    ).toBe('VALIDATION_ERROR');
  });

  it('are in the person’s data export with the reason', async () => {
    const res = await downloadMyData(server, maija.cookie);
    const json = JSON.stringify(res.json);
    expect(json).toContain('Lapsen nimi viestissä');
    expect(json).toContain('Toistuvaa kiusaamista');
  });
});

describe('who may take a step', () => {
  it('non-staff are refused every step and learn nothing, before and after the lookup', async () => {
    for (const s of [villeS, expertS]) {
      const before = await AuditModel.countDocuments();
      expect(errorCode(await mute(s, maija.id, here))).toBe('FORBIDDEN');
      expect(errorCode(await mute(s, '0'.repeat(24), here))).toBe('FORBIDDEN');
      expect(
        errorCode(
          await call(s, 'moderation:notify', {
            userId: maija.id,
            kind: 'warning',
            template: 'tone',
            reason: 'r',
          }),
        ),
      ).toBe('FORBIDDEN');
      expect(
        errorCode(await call(s, 'moderation:liftMute', { muteId: '0'.repeat(24), reason: 'r' })),
      ).toBe('FORBIDDEN');
      expect(errorCode(await call(s, 'moderation:person', { userId: maija.id }))).toBe('FORBIDDEN');
      expect(await AuditModel.countDocuments()).toBe(before);
    }
  });

  it('a moderator cannot mute or warn an admin or another moderator; an admin can; nobody acts on themselves', async () => {
    const other = await createUser(server.application, { role: 'moderator' });
    expect(errorCode(await mute(modS, admin.id, here))).toBe('FORBIDDEN');
    expect(errorCode(await mute(modS, other.id, here))).toBe('FORBIDDEN');
    expect(
      errorCode(
        await call(modS, 'moderation:notify', {
          userId: admin.id,
          kind: 'warning',
          template: 'tone',
          reason: 'r',
        }),
      ),
    ).toBe('FORBIDDEN');
    expect(errorCode(await mute(modS, mod.id, here))).toBe('FORBIDDEN');
    const { mute: m } = await ok(adminS, 'moderation:mute', {
      userId: mod.id,
      conversationId: here,
      duration: '1h',
      reason: 'Admin päätti',
    });
    // A moderator cannot lift a mute of a fellow moderator (nor their own).
    expect(errorCode(await call(modS, 'moderation:liftMute', { muteId: m.id, reason: 'r' }))).toBe(
      'FORBIDDEN',
    );
    await ok(adminS, 'moderation:liftMute', { muteId: m.id, reason: 'r' });
  });

  it('a moderator whose consent is out of date is refused until they consent', async () => {
    const stale = await createUser(server.application, { role: 'moderator' });
    await UserModel.updateOne({ _id: stale.id }, { $set: { consentVersion: '2000-01-01' } });
    const s = await server.connect({ cookie: stale.cookie });
    expect(errorCode(await mute(s, maija.id, here))).toBe('CONSENT_REQUIRED');
    expect(
      errorCode(
        await call(s, 'moderation:notify', {
          userId: maija.id,
          kind: 'note',
          template: 'tone',
          reason: 'r',
        }),
      ),
    ).toBe('CONSENT_REQUIRED');
    s.disconnect();
  });
});

describe('erasure', () => {
  it('deletes the person’s notes and mutes; a moderator who erases is dropped from theirs', async () => {
    const password = 'pitkä ja hyvä salasana 42';
    const [subject, leaving] = await Promise.all([
      createUser(server.application, { password }),
      createUser(server.application, { role: 'moderator', password }),
    ]);
    const [subjectS, leavingS] = await connectAllReady(server, [subject, leaving]);
    await ok(subjectS, 'channel:join', { conversationId: here });
    await ok(leavingS, 'moderation:notify', {
      userId: maija.id,
      kind: 'note',
      template: 'tone',
      reason: 'lähtevä',
    });
    await ok(leavingS, 'moderation:mute', {
      userId: subject.id,
      conversationId: here,
      duration: '1h',
      reason: 'r',
    });
    await ok(modS, 'moderation:notify', {
      userId: subject.id,
      kind: 'warning',
      template: 'tone',
      reason: 'r',
    });
    const { mute: byLeaving } = await ok(leavingS, 'moderation:mute', {
      userId: ville.id,
      conversationId: here,
      duration: '1h',
      reason: 'r',
    });

    for (const who of [subject, leaving]) {
      const res = await api(server, 'POST', '/me/delete', {
        cookie: who.cookie,
        body: { password, mode: 'erase' },
      });
      expect(res.status).toBe(204);
    }
    expect(await NoticeModel.countDocuments({ userId: oid(subject.id) })).toBe(0);
    expect(await MuteModel.countDocuments({ userId: oid(subject.id) })).toBe(0);
    expect(await NoticeModel.countDocuments({ byId: oid(leaving.id) })).toBe(0);
    const kept = await MuteModel.findById(byLeaving.id).lean();
    expect(kept).toMatchObject({ byId: null, reason: 'r' });
    await ok(modS, 'moderation:liftMute', { muteId: byLeaving.id, reason: 'siivous' });
  });
});

// Last: the clock jumps an hour, which ends the other open client sockets' ping timers.
describe('expiry follows the clock', () => {
  it('a 1 h mute ends at its end, with no job and no lift', async () => {
    const { mute: m } = await ok(modS, 'moderation:mute', {
      userId: ville.id,
      conversationId: there,
      duration: '1h',
      reason: 'Tauko',
    });
    expect(errorCode(await send(villeS, there))).toBe('MUTED');
    vi.setSystemTime(Date.parse(m.until) - 1000);
    try {
      const fresh = await connectReady(server, ville.cookie);
      expect(errorCode(await send(fresh, there))).toBe('MUTED');
      vi.setSystemTime(Date.parse(m.until) + 1);
      expect(errorCode(await send(fresh, there))).toBe('OK');
      expect((await ok(fresh, 'moderation:mine', {})).mutes).toEqual([]);
      fresh.disconnect();
    } finally {
      vi.useRealTimers();
    }
    expect(server.contractViolations).toEqual([]);
  });
});
