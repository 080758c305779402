import { mentionToken } from '@yhteistyotila/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api } from '../../test/access-helpers.js';
import { createUser, type TestUser } from '../../test/factories.js';
import { startTestServer, type TestServer } from '../../test/harness.js';
import { startSmtpCatcher, type SmtpCatcher } from '../../test/smtp-catcher.js';
import { clientId, connectReady, ok } from '../../test/sockets.js';
import { DAY, MINUTE } from '../../lib/time.js';
import { runMailDelivery } from './mail-delivery.js';
import { NotificationModel } from './notification.model.js';
import { unsubscribeToken } from './unsubscribe-token.js';

/*
 * Notification mail (issue 14, item 4): the digest holds exactly what its reader may see and has
 * not seen, once, although two server processes run the job at the same moment; "batched"
 * gathers a burst into one mail; the RFC 8058 one-click POST turns mail off with no sign-in, and
 * a forged link is refused.
 */

let smtp: SmtpCatcher;
let server: TestServer;
let second: TestServer;

beforeAll(async () => {
  smtp = await startSmtpCatcher();
  // One after the other: the two share this test process's database connection.
  server = await startTestServer({ SMTP_URL: smtp.url });
  second = await startTestServer({ SMTP_URL: smtp.url });
});
afterAll(async () => {
  await second?.close();
  await server?.close();
  await smtp.close();
});

const mailsTo = (user: TestUser) => smtp.to(user.email);
const header = (raw: string, name: string) =>
  new RegExp(`^${name}:\\s*(.+)$`, 'im').exec(raw)?.[1]?.trim() ?? null;
const due = (user: TestUser) =>
  NotificationModel.countDocuments({ recipientId: user.id, emailDue: true });

async function send(sender: TestUser, conversationId: string, text: string) {
  const s = await connectReady(server, sender.cookie);
  const { message } = await ok(s, 'message:send', { conversationId, clientId: clientId(), text });
  s.disconnect();
  return message;
}

describe('the daily digest', () => {
  it('holds what its reader may see and has not seen, once, with two processes sending', async () => {
    const [reader, sender, later] = await Promise.all([
      createUser(server.application, { name: 'Riikka Lukija' }),
      createUser(server.application, { name: 'Sanna Kirjoittaja' }),
      createUser(server.application, { name: 'Ville Myöhemmin' }),
    ]);
    const s = await connectReady(server, sender.cookie);
    const channel = (await ok(s, 'channel:create', { name: 'Koulutie', visibility: 'private' }))
      .conversation.id;
    await ok(s, 'channel:invite', { conversationId: channel, userIds: [reader.id, later.id] });
    const dm = (await ok(s, 'dm:open', { userIds: [reader.id] })).conversation.id;
    s.disconnect();

    // The reader is away: each of these is for the evening's digest.
    const seenLater = await send(sender, channel, `${mentionToken('Riikka Lukija')} luettu jo`);
    await send(sender, dm, 'Muistatko huomisen kokouksen?');
    await send(sender, channel, `${mentionToken('Riikka Lukija')} katsoisitko budjetin`);
    await send(later, channel, `${mentionToken('Riikka Lukija')} estetyn sanat`);
    const readInBell = await send(sender, channel, `${mentionToken('Riikka Lukija')} kellosta`);
    await expect.poll(() => due(reader)).toBe(5);

    // Before the digest: the reader reads the channel up to the first mention, marks another read in
    // the bell, and blocks the person who wrote a third.
    const r = await connectReady(server, reader.cookie);
    await ok(r, 'read:mark', { conversationId: channel, seq: seenLater.seq });
    const page = await ok(r, 'notification:list', {});
    const bellRow = page.notifications.find((n) => n.link.endsWith(readInBell.id))!;
    await ok(r, 'notification:read', { ids: [bellRow.id] });
    await ok(r, 'block:add', { userId: later.id });
    r.disconnect();

    const evening = new Date(Date.now() + DAY);
    const sent = await Promise.all([
      runMailDelivery(server.application.app, evening),
      runMailDelivery(second.application.app, evening),
    ]);
    expect(sent.reduce((a, b) => a + b)).toBe(1);
    await expect.poll(() => mailsTo(reader).length).toBe(1);
    const [mail] = mailsTo(reader);
    expect(mail!.subject).toMatch(/^2 uutta ilmoitusta/);
    expect(mail!.text).toContain('Muistatko huomisen kokouksen?');
    expect(mail!.text).toContain('katsoisitko budjetin');
    expect(mail!.text).not.toContain('luettu jo');
    expect(mail!.text).not.toContain('kellosta');
    expect(mail!.text).not.toContain('estetyn sanat');
    expect(mail!.raw).toMatch(/Content-Type: text\/html/i);

    // Later runs, on either process, send nothing more.
    await runMailDelivery(second.application.app, new Date(evening.getTime() + DAY));
    await runMailDelivery(server.application.app, new Date(evening.getTime() + DAY));
    expect(await due(reader)).toBe(0);
    expect(mailsTo(reader)).toHaveLength(1);
  });
});

describe('batched mail and the one-click unsubscribe', () => {
  it('gathers a burst into one mail whose link turns that mail off without signing in', async () => {
    const [reader, sender] = await Promise.all([
      createUser(server.application, { name: 'Bertta Nopea' }),
      createUser(server.application, { name: 'Kalle Kysyjä' }),
    ]);
    const r = await connectReady(server, reader.cookie);
    const { prefs } = await ok(r, 'notification:prefs', {});
    prefs.email.frequency = 'batched';
    prefs.quietHours.enabled = false;
    await ok(r, 'notification:setPrefs', { prefs });
    r.disconnect();
    const s = await connectReady(server, sender.cookie);
    const dm = (await ok(s, 'dm:open', { userIds: [reader.id] })).conversation.id;
    s.disconnect();
    // Gone from this process: what it sends now is for someone away.
    await expect
      .poll(
        () => server.application.app.io.sockets.adapter.rooms.get(`user:${reader.id}`)?.size ?? 0,
      )
      .toBe(0);

    const start = new Date();
    await send(sender, dm, 'Ensimmäinen kysymys');
    await send(sender, dm, 'Toinen kysymys');
    await expect.poll(() => due(reader)).toBe(2);
    expect(await runMailDelivery(server.application.app, start)).toBe(0);
    expect(
      await runMailDelivery(server.application.app, new Date(start.getTime() + 16 * MINUTE)),
    ).toBe(1);
    await expect.poll(() => mailsTo(reader).length).toBe(1);
    const [mail] = mailsTo(reader);
    expect(mail!.text).toContain('Ensimmäinen kysymys');
    expect(mail!.text).toContain('Toinen kysymys');

    // RFC 8058: an HTTPS URL in List-Unsubscribe and the one-click marker.
    expect(header(mail!.raw, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
    const url = /^<(.+)>$/.exec(header(mail!.raw, 'List-Unsubscribe') ?? '')?.[1] ?? '';
    expect(url).toContain('/api/notifications/unsubscribe/');

    // What a mail program does: POST the form body, no cookie, no Origin.
    const oneClick = await fetch(url.replace(/^https?:\/\/[^/]+/, server.url), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(oneClick.status).toBe(200);
    expect(await oneClick.json()).toEqual({ scope: 'dm', language: 'fi' });

    const again = await connectReady(server, reader.cookie);
    const after = (await ok(again, 'notification:prefs', {})).prefs;
    again.disconnect();
    expect(after.kinds.dm.email).toBe(false);
    expect(after.kinds.mention.email).toBe(true);
    await send(sender, dm, 'Kolmas kysymys');
    await expect
      .poll(() => NotificationModel.countDocuments({ recipientId: reader.id, kind: 'dm' }))
      .toBe(3);
    expect(await due(reader)).toBe(0);
  });

  it('refuses a forged or altered link, and an unsubscribe from all drops the mail still waiting', async () => {
    const [reader, sender] = await Promise.all([
      createUser(server.application, { name: 'Tuula Tarkka' }),
      createUser(server.application, { name: 'Olli Lähettäjä' }),
    ]);
    const genuine = await unsubscribeToken(reader.id, 'dm');
    const forged = [
      genuine.replace('.dm.', '.all.'),
      `${genuine.slice(0, -2)}${genuine.endsWith('AA') ? 'BB' : 'AA'}`,
      genuine.replace(reader.id, sender.id),
      'v1.x.y.z',
    ];
    for (const token of forged) {
      const res = await api(
        server,
        'POST',
        `/notifications/unsubscribe/${encodeURIComponent(token)}`,
        {
          cookie: null,
        },
      );
      expect(res.body.code).toBe('TOKEN_INVALID');
    }
    const info = await api(server, 'GET', `/notifications/unsubscribe/${genuine}`, {
      cookie: null,
    });
    expect(info.status).toBe(200);
    expect(info.body).toEqual({ scope: 'dm', language: 'fi' });

    const s = await connectReady(server, sender.cookie);
    const dm = (await ok(s, 'dm:open', { userIds: [reader.id] })).conversation.id;
    s.disconnect();
    await send(sender, dm, 'Odottava viesti');
    await expect.poll(() => due(reader)).toBe(1);
    const all = await unsubscribeToken(reader.id, 'all');
    expect(
      (await api(server, 'POST', `/notifications/unsubscribe/${all}`, { cookie: null })).status,
    ).toBe(200);
    expect(await runMailDelivery(server.application.app, new Date(Date.now() + DAY))).toBe(0);
    expect(mailsTo(reader)).toHaveLength(0);
  });
});
