import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  DEFAULT_LANGUAGE,
  LANGUAGES,
  type Language,
  type MeetingMode,
  type RejectReason,
} from '@yhteistyotila/protocol';
import i18next from 'i18next';

/**
 * Every mail in fi, sv and en, chosen by the recipient's language. Plain text on purpose:
 * it reads well on any phone and leaves nothing to sanitise.
 */
export type MailTemplate =
  | { kind: 'verify-join'; name: string; link: string; hours: number }
  | { kind: 'join-approved'; name: string; link: string; hours: number }
  /** An outside expert invited by a moderator (features/questions): `until` already formatted. */
  | {
      kind: 'guest-invited';
      name: string;
      inviter: string;
      channels: string;
      until: string;
      link: string;
      hours: number;
    }
  | { kind: 'join-rejected'; name: string; reason: RejectReason; message: string; days: number }
  | { kind: 'password-reset'; name: string; link: string; hours: number }
  | { kind: 'moderator-reminder'; count: number; hours: number; link: string }
  | { kind: 'accessibility-feedback'; message: string; replyTo: string; page: string }
  // Meetings with experts (features/experts): `when` is already in the recipient's time zone.
  | MeetingMail;

type MeetingMailFields = {
  name: string;
  /** The other party's name. */
  other: string;
  when: string;
  topic: string;
  mode: MeetingMode;
  link: string;
};
type MeetingMail =
  | ({ kind: 'meeting-booked-booker'; contact: string } & MeetingMailFields)
  | ({ kind: 'meeting-booked-expert'; note: string } & MeetingMailFields)
  | ({ kind: 'meeting-reminder-booker'; contact: string } & MeetingMailFields)
  | ({ kind: 'meeting-reminder-expert'; note: string } & MeetingMailFields)
  | ({ kind: 'meeting-cancelled' } & MeetingMailFields)
  | ({ kind: 'meeting-away-cancelled' } & MeetingMailFields)
  // The other side erased their account: their name is not told.
  | ({ kind: 'meeting-erased-cancelled' } & Omit<MeetingMailFields, 'other'>);

/** The service's name: a name, the same in every language and mail. */
export const SERVICE_NAME = 'Yhteistyötila';

interface Rendered {
  subject: string;
  text: string;
}

/*
 * The texts are i18next resources like the web app's: locales/<lang>.json, one object per
 * template kind with its subject and text ({{name}}, {{link}}... are the template's fields,
 * {{service}} the service's name, the same in every language). Copied next to dist/ by the build.
 */
export const mailResources = Object.fromEntries(
  LANGUAGES.map((lang) => [
    lang,
    JSON.parse(
      readFileSync(path.join(import.meta.dirname, 'locales', `${lang}.json`), 'utf8'),
    ) as Record<string, unknown>,
  ]),
) as Record<Language, Record<string, unknown>>;

const i18n = i18next.createInstance();
void i18n.init({
  resources: Object.fromEntries(LANGUAGES.map((lang) => [lang, { mail: mailResources[lang] }])),
  ns: ['mail'],
  defaultNS: 'mail',
  lng: DEFAULT_LANGUAGE,
  fallbackLng: DEFAULT_LANGUAGE,
  // Resources are in memory: ready before init returns, so renderMail can be synchronous.
  initAsync: false,
  // Plain text, not HTML: values go in as they are.
  interpolation: { escapeValue: false },
});

/** The mail texts in one language, for mails composed of parts (the notification digest). */
export const mailText = (lang: Language) => i18n.getFixedT(lang);

export function renderMail(template: MailTemplate, lang: Language): Rendered {
  const t = i18n.getFixedT(lang);
  const { kind, ...fields } = template;
  const values = {
    ...fields,
    service: SERVICE_NAME,
    ...(template.kind === 'accessibility-feedback'
      ? { page: template.page || '–', replyTo: template.replyTo || '–' }
      : {}),
    ...(template.kind === 'join-rejected'
      ? {
          reason: t(`reasons.${template.reason}`),
          extra: template.message ? `\n\n${template.message}` : '',
        }
      : {}),
    ...('mode' in template ? { how: t(`meeting-modes.${template.mode}`) } : {}),
  };
  return { subject: t(`${kind}.subject`, values), text: t(`${kind}.text`, values) };
}
