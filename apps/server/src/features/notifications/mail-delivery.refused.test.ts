import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../test/factories.js';
import { startTestServer, type TestServer } from '../../test/harness.js';
import { clientId, connectReady, ok } from '../../test/sockets.js';
import { startWholeServer, type WholeServer } from '../../test/whole-server.js';
import { DAY } from '../../lib/time.js';
import { runMailDelivery } from './mail-delivery.js';
import { NotificationModel } from './notification.model.js';

/*
 * A mail relay that refuses one address (a mailbox gone, a full quota) must neither stop the
 * digests of everyone after that person in the run nor put the address in the log: the relay's
 * refusal quotes it ("550 <someone@example>: Recipient address rejected").
 */

/** An SMTP server that refuses the addresses in `refused` at RCPT TO and keeps the others'. */
async function startRefusingSmtp() {
  const refused = new Set<string>();
  const delivered: string[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (!refused.has(address.address.toLowerCase())) return callback();
      const err = Object.assign(new Error(`<${address.address}>: Recipient address rejected`), {
        responseCode: 550,
      });
      callback(err);
    },
    onData(stream, session, callback) {
      stream.resume();
      stream.on('end', () => {
        delivered.push(...session.envelope.rcptTo.map((r) => r.address.toLowerCase()));
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    refused,
    delivered,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

let smtp: Awaited<ReturnType<typeof startRefusingSmtp>>;
let server: TestServer;
let whole: WholeServer;

beforeAll(async () => {
  smtp = await startRefusingSmtp();
  server = await startTestServer({ SMTP_URL: smtp.url });
  // The same database; its log lines are captured.
  whole = await startWholeServer({ SMTP_URL: smtp.url }, 'info');
});
afterAll(async () => {
  await whole?.close();
  await server?.close();
  await smtp?.close();
});

describe('a refused address in the mail run', () => {
  it('still mails the others, and logs the refusal without the address', async () => {
    const [gone, reader, sender] = await Promise.all([
      createUser(server.application, { name: 'Kaisa Kadonnut' }),
      createUser(server.application, { name: 'Pekka Perillä' }),
      createUser(server.application, { name: 'Aino Kirjoittaja' }),
    ]);
    smtp.refused.add(gone.email.toLowerCase());
    const s = await connectReady(server, sender.cookie);
    // The refused person's rows come first in the run.
    for (const person of [gone, reader]) {
      const dm = (await ok(s, 'dm:open', { userIds: [person.id] })).conversation.id;
      await ok(s, 'message:send', { conversationId: dm, clientId: clientId(), text: 'Hei' });
    }
    s.disconnect();
    await expect
      .poll(() => NotificationModel.countDocuments({ emailDue: true, kind: 'dm' }))
      .toBe(2);

    await runMailDelivery(whole.application.app, new Date(Date.now() + DAY));

    expect(smtp.delivered).toEqual([reader.email.toLowerCase()]);
    expect(whole.rawLogs.join('\n')).not.toContain(gone.email);
    expect(whole.logs.some((l) => l.level >= 40 && /notification mail/.test(l.msg ?? ''))).toBe(
      true,
    );
  });
});
