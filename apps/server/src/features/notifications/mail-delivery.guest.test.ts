import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UserModel } from '../../auth/user.model.js';
import { createUser } from '../../test/factories.js';
import { startServerWithMail, stopServerWithMail } from '../../test/access-helpers.js';
import type { TestServer } from '../../test/harness.js';
import type { SmtpCatcher } from '../../test/smtp-catcher.js';
import { clientId, connectReady, ok } from '../../test/sockets.js';
import { DAY } from '../../lib/time.js';
import { runMailDelivery } from './mail-delivery.js';
import { NotificationModel } from './notification.model.js';

/*
 * A guest expert's access ends on its date: from then on the conversations are closed to them,
 * and so is the digest that would quote them (the push already stops: push.service.ts).
 */

let server: TestServer;
let smtp: SmtpCatcher;
const fixture: { server?: TestServer; smtp?: SmtpCatcher } = {};

beforeAll(async () => {
  Object.assign(fixture, await startServerWithMail());
  ({ server, smtp } = fixture as Required<typeof fixture>);
});
afterAll(() => stopServerWithMail(fixture));

describe('the digest of a guest whose access has ended', () => {
  it('is not sent', async () => {
    const [guest, sender] = await Promise.all([
      createUser(server.application, { role: 'guest', name: 'Vieras Asiantuntija' }),
      createUser(server.application, { name: 'Maija Jäsen' }),
    ]);
    const s = await connectReady(server, sender.cookie);
    const dm = (await ok(s, 'dm:open', { userIds: [guest.id] })).conversation.id;
    await ok(s, 'message:send', {
      conversationId: dm,
      clientId: clientId(),
      text: 'Luottamuksellista',
    });
    s.disconnect();
    await expect
      .poll(() => NotificationModel.countDocuments({ recipientId: guest.id, emailDue: true }))
      .toBe(1);

    // The guest's end date passes before the evening's digest.
    await UserModel.updateOne(
      { _id: guest.id },
      { $set: { guestUntil: new Date(Date.now() - 1000) } },
    );
    await runMailDelivery(server.application.app, new Date(Date.now() + DAY));
    expect(smtp.to(guest.email)).toHaveLength(0);
  });
});
