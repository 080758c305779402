import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, type TestUser } from '../../test/factories.js';
import { startTestServer, type TestServer } from '../../test/harness.js';
import { startSmtpCatcher, type SmtpCatcher } from '../../test/smtp-catcher.js';
import { clientId, connectReady, ok } from '../../test/sockets.js';
import { MINUTE } from '../../lib/time.js';
import { runMailDelivery } from './mail-delivery.js';
import { NotificationModel } from './notification.model.js';

/*
 * A mail run that overruns its lock (an SMTP server that stalls: nodemailer waits up to ten
 * minutes on a socket) goes on with the rows it read at its start while another process's run,
 * ten minutes later by its clock, takes the lock and reads them afresh. Each notification must
 * still reach its reader in one mail only.
 */

/** An SMTP server that holds its first mail until `release()`: a stalled mail relay. */
async function startStallingSmtp() {
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  let received = 0;
  const recipients: string[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      stream.resume();
      stream.on('end', () => {
        received += 1;
        recipients.push(...session.envelope.rcptTo.map((r) => r.address.toLowerCase()));
        if (received === 1) void gate.then(() => callback());
        else callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received: () => received,
    recipients,
    release,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

let smtp: SmtpCatcher;
let stalling: Awaited<ReturnType<typeof startStallingSmtp>>;
let slow: TestServer;
let fast: TestServer;

beforeAll(async () => {
  smtp = await startSmtpCatcher();
  stalling = await startStallingSmtp();
  slow = await startTestServer({ SMTP_URL: stalling.url });
  fast = await startTestServer({ SMTP_URL: smtp.url });
});
afterAll(async () => {
  stalling?.release();
  await fast?.close();
  await slow?.close();
  await stalling?.close();
  await smtp?.close();
});

async function setPrefs(
  user: TestUser,
  change: (p: Awaited<ReturnType<typeof getPrefs>>) => void,
): Promise<void> {
  const s = await connectReady(fast, user.cookie);
  const { prefs } = await ok(s, 'notification:prefs', {});
  change(prefs);
  await ok(s, 'notification:setPrefs', { prefs });
  s.disconnect();
  // Away again: what comes now is for mail.
  await expect
    .poll(() => fast.application.app.io.sockets.adapter.rooms.get(`user:${user.id}`)?.size ?? 0)
    .toBe(0);
}
async function getPrefs(user: TestUser) {
  const s = await connectReady(fast, user.cookie);
  const { prefs } = await ok(s, 'notification:prefs', {});
  s.disconnect();
  return prefs;
}

describe('a mail run that overruns its lock', () => {
  it('does not mail a notification twice', async () => {
    const [first, reader, sender] = await Promise.all([
      createUser(fast.application, { name: 'Eero Ensimmäinen' }),
      createUser(fast.application, { name: 'Liisa Lukija' }),
      createUser(fast.application, { name: 'Simo Lähettäjä' }),
    ]);
    const farHour = (new Date().getUTCHours() + 12) % 24;
    await setPrefs(first, (p) => {
      p.email.frequency = 'batched';
      p.quietHours.enabled = false;
    });
    await setPrefs(reader, (p) => {
      p.email = { frequency: 'daily', digestHour: farHour };
      p.quietHours.enabled = false;
    });
    const s = await connectReady(fast, sender.cookie);
    const dmFirst = (await ok(s, 'dm:open', { userIds: [first.id] })).conversation.id;
    const dmReader = (await ok(s, 'dm:open', { userIds: [reader.id] })).conversation.id;
    const send = (conversationId: string, text: string) =>
      ok(s, 'message:send', { conversationId, clientId: clientId(), text });

    await send(dmFirst, 'Ensimmäiselle');
    await send(dmReader, 'Illan koosteeseen');
    // The reader changes to batched mail: the newer row falls due before the older one.
    await setPrefs(reader, (p) => {
      p.email.frequency = 'batched';
    });
    await send(dmReader, 'Heti perään');
    s.disconnect();
    const rows = await NotificationModel.find({ recipientId: reader.id }).sort({ _id: 1 }).lean();
    expect(rows.map((r) => r.emailDue)).toEqual([true, true]);
    const [older, newer] = rows as [(typeof rows)[0], (typeof rows)[0]];

    // The slow process starts its run when the newer row is due, and stalls on its first mail.
    const slowNow = newer.emailAt!;
    const slowRun = runMailDelivery(slow.application.app, slowNow);
    await expect.poll(() => stalling.received()).toBe(1);
    // Past the lock's ten minutes (and the older row's time), the other process runs.
    const fastNow = new Date(Math.max(older.emailAt!.getTime(), slowNow.getTime() + 11 * MINUTE));
    await runMailDelivery(fast.application.app, fastNow);
    stalling.release();
    await slowRun;

    // One mail to the reader in all, from whichever process: it holds both messages.
    const fromFast = smtp.to(reader.email);
    const fromSlow = stalling.recipients.filter((r) => r === reader.email.toLowerCase());
    expect(fromFast.length + fromSlow.length).toBe(1);
    expect(fromFast[0]?.text).toContain('Heti perään');
  });
});
