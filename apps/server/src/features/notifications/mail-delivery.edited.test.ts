import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../test/factories.js';
import { startServerWithMail, stopServerWithMail } from '../../test/access-helpers.js';
import type { TestServer } from '../../test/harness.js';
import type { SmtpCatcher } from '../../test/smtp-catcher.js';
import { clientId, connectReady, ok } from '../../test/sockets.js';
import { DAY } from '../../lib/time.js';
import { runMailDelivery } from './mail-delivery.js';
import { NotificationModel } from './notification.model.js';

/*
 * Words taken back: a message edited before the digest goes is quoted as it reads now. The
 * evening's mail must not carry out what its author removed in the afternoon (a password
 * pasted by mistake), nor the bell show it.
 */

let server: TestServer;
let smtp: SmtpCatcher;
const fixture: { server?: TestServer; smtp?: SmtpCatcher } = {};

beforeAll(async () => {
  Object.assign(fixture, await startServerWithMail());
  ({ server, smtp } = fixture as Required<typeof fixture>);
});
afterAll(() => stopServerWithMail(fixture));

describe('an edited message in the digest', () => {
  it('is quoted as edited, not as first written', async () => {
    const [reader, sender] = await Promise.all([
      createUser(server.application, { name: 'Lotta Lukija' }),
      createUser(server.application, { name: 'Kimmo Kirjoittaja' }),
    ]);
    const s = await connectReady(server, sender.cookie);
    const dm = (await ok(s, 'dm:open', { userIds: [reader.id] })).conversation.id;
    const { message } = await ok(s, 'message:send', {
      conversationId: dm,
      clientId: clientId(),
      text: 'Tunnus on kimmo ja salasana hunter2',
    });
    await expect
      .poll(() => NotificationModel.countDocuments({ recipientId: reader.id, emailDue: true }))
      .toBe(1);
    await ok(s, 'message:edit', { messageId: message.id, text: 'Kerron tunnukset puhelimessa' });
    s.disconnect();

    const r = await connectReady(server, reader.cookie);
    await expect
      .poll(async () => (await ok(r, 'notification:list', {})).notifications[0]?.text)
      .toBe('Kerron tunnukset puhelimessa');
    r.disconnect();

    await runMailDelivery(server.application.app, new Date(Date.now() + DAY));
    const [mail] = smtp.to(reader.email);
    expect(mail?.text).toContain('Kerron tunnukset puhelimessa');
    expect(mail!.raw).not.toContain('hunter2');
  });
});
