import type { PersonalDataExport } from '@yhteistyotila/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UserModel } from '../../auth/user.model.js';
import {
  api,
  downloadMyData,
  mailsTo,
  startServerWithMail,
  stopServerWithMail,
} from '../../test/access-helpers.js';
import { createUser, type TestUser } from '../../test/factories.js';
import type { TestServer } from '../../test/harness.js';
import type { SmtpCatcher } from '../../test/smtp-catcher.js';
import { AccessibilityFeedbackModel } from './feedback.model.js';

const exportSections = async (cookie: string) =>
  ((await downloadMyData(server, cookie)).json as PersonalDataExport).sections;

let server: TestServer;
let smtp: SmtpCatcher;
let svAdmin: TestUser, fiAdmin: TestUser;

beforeAll(async () => {
  ({ server, smtp } = await startServerWithMail());
  svAdmin = await createUser(server.application, { role: 'admin', language: 'sv' });
  fiAdmin = await createUser(server.application, { role: 'admin', language: 'fi' });
});
afterAll(() => stopServerWithMail({ server, smtp }));

describe('the first-day welcome', () => {
  it('is shown until dismissed, then never again, on any device', async () => {
    const sara = await createUser(server.application, { language: 'sv' });
    // Jyväskylä: the welcome points to Keski-Suomi's channel.
    await UserModel.updateOne({ email: sara.email }, { $set: { municipalityCode: '179' } });
    const first = await api(server, 'GET', '/me/welcome', { cookie: sara.cookie });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ show: true, regionId: 'KS' });
    expect(first.body.regionChannelId).toMatch(/^[0-9a-f]{24}$/);
    expect(first.body.expertsChannelId).toMatch(/^[0-9a-f]{24}$/);

    expect((await api(server, 'POST', '/me/welcome/dismiss', { cookie: sara.cookie })).status).toBe(
      204,
    );
    const dismissedAt = (await UserModel.findOne({ email: sara.email }).lean())!.welcomeDismissedAt;
    expect(dismissedAt).toBeInstanceOf(Date);
    expect((await api(server, 'GET', '/me/welcome', { cookie: sara.cookie })).body.show).toBe(
      false,
    );
    // Another device: a new session of the same person.
    const session = await server.application.app.lucia.createSession(sara.id, { userAgent: 'x' });
    const other = `${server.application.app.lucia.sessionCookieName}=${session.id}`;
    expect((await api(server, 'GET', '/me/welcome', { cookie: other })).body.show).toBe(false);
    // Dismissing again keeps the first time.
    await api(server, 'POST', '/me/welcome/dismiss', { cookie: other });
    expect((await UserModel.findOne({ email: sara.email }).lean())!.welcomeDismissedAt).toEqual(
      dismissedAt,
    );
  });

  it('is only for signed-in people', async () => {
    expect((await api(server, 'GET', '/me/welcome')).status).toBe(401);
    expect((await api(server, 'POST', '/me/welcome/dismiss')).status).toBe(401);
  });
});

describe('the profile', () => {
  it('keeps an introduction, language and time zone (Helsinki by default), and the export has them', async () => {
    const ulla = await createUser(server.application, { password: 'pitkä salasana 123' });
    const before = await api(server, 'GET', '/me/profile', { cookie: ulla.cookie });
    expect(before.body).toMatchObject({ timeZone: 'Europe/Helsinki', introduction: '' });
    const patch = await api(server, 'PATCH', '/me/profile', {
      cookie: ulla.cookie,
      body: {
        introduction: '  Puheenjohtaja, Kuopio  ',
        timeZone: 'Europe/Stockholm',
        language: 'sv',
      },
    });
    expect(patch.status).toBe(200);
    expect(patch.body).toMatchObject({
      introduction: 'Puheenjohtaja, Kuopio',
      timeZone: 'Europe/Stockholm',
      language: 'sv',
    });
    const bad = await api(server, 'PATCH', '/me/profile', {
      cookie: ulla.cookie,
      body: { timeZone: 'Mars/Olympus_Mons' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('VALIDATION_ERROR');
    const [account] = (await exportSections(ulla.cookie)).users!;
    expect(account).toMatchObject({
      introduction: 'Puheenjohtaja, Kuopio',
      timeZone: 'Europe/Stockholm',
      language: 'sv',
    });

    // The language kept on the profile is the one of the person's mails.
    await api(server, 'POST', '/auth/password-reset', { body: { email: ulla.email } });
    const [mail] = await mailsTo(smtp, ulla.email);
    expect(mail!.subject).toBe('Byte av lösenord – Yhteistyötila');
  });
});

describe('accessibility feedback', () => {
  it('is stored and reaches every admin in their own language, with the service’s one name', async () => {
    const res = await api(server, 'POST', '/accessibility/feedback', {
      body: {
        message: 'Kanavalista ei toimi ruudunlukijalla',
        email: 'Palaute@Example.test',
        page: '/c',
        language: 'fi',
      },
    });
    expect(res.status).toBe(202);
    expect(await AccessibilityFeedbackModel.countDocuments({ email: 'palaute@example.test' })).toBe(
      1,
    );
    const [sv] = await mailsTo(smtp, svAdmin.email);
    expect(sv!.subject).toBe('Respons om tillgänglighet – Yhteistyötila');
    expect(sv!.text).toContain('Kanavalista ei toimi ruudunlukijalla');
    expect(sv!.text).toContain('palaute@example.test');
    const [fi] = await mailsTo(smtp, fiAdmin.email);
    expect(fi!.subject).toBe('Saavutettavuuspalaute – Yhteistyötila');
  });

  it('answers a signed-in person at their account’s address, and their export holds it', async () => {
    const aino = await createUser(server.application);
    await api(server, 'POST', '/accessibility/feedback', {
      cookie: aino.cookie,
      body: { message: 'Kontrasti on heikko', language: 'fi' },
    });
    await mailsTo(smtp, fiAdmin.email, 2);
    expect(smtp.to(fiAdmin.email).at(-1)!.text).toContain(aino.email);
    expect((await exportSections(aino.cookie)).accessibilityfeedbacks).toEqual([
      expect.objectContaining({ message: 'Kontrasti on heikko', email: aino.email }),
    ]);
  });

  it('refuses an empty message with a stable code, and limits one address', async () => {
    const empty = await api(server, 'POST', '/accessibility/feedback', {
      body: { message: '   ', language: 'sv' },
    });
    expect(empty.status).toBe(400);
    expect(empty.body.code).toBe('VALIDATION_ERROR');
    const ip = '10.99.99.99';
    const send = () =>
      api(server, 'POST', '/accessibility/feedback', {
        ip,
        body: { message: 'Taas', language: 'en' },
      });
    const statuses = [];
    for (let i = 0; i < 6; i++) statuses.push((await send()).status);
    expect(statuses).toEqual([202, 202, 202, 202, 202, 429]);
  });
});
