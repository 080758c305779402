import type { Language } from '@yhteistyotila/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  api,
  mailsTo,
  startServerWithMail,
  stopServerWithMail,
  tokenOf,
} from '../../test/access-helpers.js';
import { createUser, type TestUser } from '../../test/factories.js';
import type { TestServer, TestSocket } from '../../test/harness.js';
import type { SmtpCatcher } from '../../test/smtp-catcher.js';
import { connectReady, ok } from '../../test/sockets.js';
import { ConversationModel } from '../conversations/index.js';
import { ASK_CHANNEL_KEY } from './questions.service.js';

/**
 * The guest expert's invitation mail (issue 13, item 5), read from a real SMTP server: its own
 * words (who invited, which channels, until when, the set-up link) in the guest's language,
 * never the join request's "your request was approved".
 */

let server: TestServer;
let smtp: SmtpCatcher;
let mod: TestUser;
let modSocket: TestSocket;
let channelId: string;

beforeAll(async () => {
  ({ server, smtp } = await startServerWithMail());
  mod = await createUser(server.application, { role: 'moderator', name: 'Mona Moderaattori' });
  modSocket = await connectReady(server, mod.cookie);
  const conv = await ConversationModel.findOne({ key: ASK_CHANNEL_KEY }, { _id: 1 }).lean();
  channelId = String(conv!._id);
}, 60_000);
afterAll(() => stopServerWithMail({ server, smtp }));

/** The end date: noon in Helsinki 40 days ahead, the same day wherever the test runs. */
const until = new Date(Date.now() + 40 * 86_400_000);
until.setUTCHours(10, 0, 0, 0);
const [day, month, year] = [until.getUTCDate(), until.getUTCMonth(), until.getUTCFullYear()];
const MONTHS: Record<Language, string[]> = {
  fi: 'tammi helmi maalis huhti touko kesä heinä elo syys loka marras joulu'
    .split(' ')
    .map((m) => `${m}kuuta`),
  sv: 'januari februari mars april maj juni juli augusti september oktober november december'.split(
    ' ',
  ),
  en: 'January February March April May June July August September October November December'.split(
    ' ',
  ),
};

const EXPECTED: Record<
  Language,
  { subject: RegExp; channel: string; until: string; not: RegExp; body: RegExp }
> = {
  fi: {
    subject: /^Kutsu vierailevaksi asiantuntijaksi – Yhteistyötila$/,
    channel: '#kysy asiantuntijalta',
    until: `${day}. ${MONTHS.fi[month]} ${year}`,
    not: /hyväksytty/,
    body: /Mona Moderaattori kutsui sinut vierailevaksi asiantuntijaksi/,
  },
  sv: {
    subject: /^Inbjudan som gästande expert – Yhteistyötila$/,
    channel: '#fråga en expert',
    until: `${day} ${MONTHS.sv[month]} ${year}`,
    not: /godkänts/,
    body: /Mona Moderaattori har bjudit in dig som gästande expert/,
  },
  en: {
    subject: /^You are invited as a visiting expert – Yhteistyötila$/,
    channel: '#ask an expert',
    until: `${day} ${MONTHS.en[month]} ${year}`,
    not: /approved/,
    body: /Mona Moderaattori has invited you as a visiting expert/,
  },
};

describe('the guest expert invitation mail', () => {
  it.each(['fi', 'sv', 'en'] as const)(
    'in %s says who invited, into which channels, until when, with a working set-up link',
    async (language) => {
      const email = `vieras-${language}-${Date.now()}@example.test`;
      await ok(modSocket, 'guest:invite', {
        name: 'Ville Vierailija',
        email,
        language,
        organisation: 'Lastensuojelun Keskusliitto',
        channelIds: [channelId],
        guestUntil: until.toISOString(),
      });
      const [mail, ...more] = await mailsTo(smtp, email);
      expect(more).toHaveLength(0);
      const want = EXPECTED[language];
      expect(mail!.subject).toMatch(want.subject);
      expect(mail!.text).toMatch(want.body);
      expect(mail!.text).toContain('Ville Vierailija');
      expect(mail!.text).toContain(want.channel);
      expect(mail!.text).toContain(want.until);
      expect(mail!.text).not.toMatch(want.not);
      expect(mail!.link).toContain('/salasana/uusi#token=');
      // The link sets the guest's password once.
      const check = await api(server, 'POST', '/auth/password/check-token', {
        body: { token: tokenOf(mail!.link) },
      });
      expect(check.status).toBe(200);
    },
  );
});
