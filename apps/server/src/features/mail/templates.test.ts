import {
  LANGUAGES,
  MEETING_MODES,
  NOTIFICATION_KINDS,
  type RejectReason,
} from '@yhteistyotila/protocol';
import { describe, expect, it } from 'vitest';
import { SERVICE_NAME, mailResources, renderMail, type MailTemplate } from './templates.js';

/** Every kind once; the compiler insists on the whole list. */
const KINDS: Record<MailTemplate['kind'], true> = {
  'verify-join': true,
  'join-approved': true,
  'guest-invited': true,
  'join-rejected': true,
  'password-reset': true,
  'moderator-reminder': true,
  'accessibility-feedback': true,
  'meeting-booked-booker': true,
  'meeting-booked-expert': true,
  'meeting-reminder-booker': true,
  'meeting-reminder-expert': true,
  'meeting-cancelled': true,
  'meeting-away-cancelled': true,
  'meeting-erased-cancelled': true,
};
const REASONS: Record<RejectReason, true> = {
  'not-parent-actor': true,
  duplicate: true,
  incomplete: true,
  'suspected-spam': true,
  other: true,
};

/** "a.b" for every string in a resource object, with the {{placeholders}} it uses. */
function strings(obj: unknown, prefix = ''): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [key, value] of Object.entries(obj as Record<string, unknown>)) {
    const at = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string')
      out.set(at, [...value.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1] ?? '').sort());
    else for (const [k, v] of strings(value, at)) out.set(k, v);
  }
  return out;
}

describe('mail templates', () => {
  const fi = strings(mailResources.fi);

  it('has every template and reject reason in Finnish', () => {
    const needed = [
      ...Object.keys(REASONS).map((r) => `reasons.${r}`),
      ...MEETING_MODES.map((m) => `meeting-modes.${m}`),
      ...Object.keys(KINDS).flatMap((k) => [`${k}.subject`, `${k}.text`]),
      // The notification digest (features/notifications/digest.render.ts): its parts, a line per kind.
      ...['subject_one', 'subject_other', 'greeting', 'act', 'missed', 'questions', 'more']
        .concat(['open', 'settings', 'unsubscribe', 'someone'])
        .map((k) => `digest.${k}`),
      ...NOTIFICATION_KINDS.map((k) => `digest.kinds.${k}`),
    ];
    expect([...fi.keys()].sort()).toEqual(needed.sort());
  });

  it.each(LANGUAGES)('%s has the same keys and placeholders as Finnish', (lang) => {
    expect(Object.fromEntries(strings(mailResources[lang]))).toEqual(Object.fromEntries(fi));
  });

  it('leaves what people typed as it is (no interpolation, nesting or escaping in values)', () => {
    const name = '{{link}} $t(service) <b>&';
    const mail = renderMail(
      {
        kind: 'join-rejected',
        name,
        reason: 'other',
        message: '$t(reasons.duplicate) {{days}}',
        days: 30,
      },
      'en',
    );
    expect(mail.subject).toBe('Your request to join – Yhteistyötila');
    expect(mail.text).toBe(
      `Hello ${name},\n\nunfortunately your request to join was not approved. ` +
        'The moderator could not approve the request.\n\n$t(reasons.duplicate) {{days}}\n\n' +
        'The details of your request will be deleted within 30 days.\n',
    );
  });

  it.each(LANGUAGES)('%s fills every placeholder of every template', (lang) => {
    const templates: MailTemplate[] = [
      { kind: 'verify-join', name: 'N', link: 'L', hours: 24 },
      { kind: 'join-approved', name: 'N', link: 'L', hours: 72 },
      {
        kind: 'guest-invited',
        name: 'N',
        inviter: 'I',
        channels: 'C',
        until: 'U',
        link: 'L',
        hours: 72,
      },
      { kind: 'join-rejected', name: 'N', reason: 'duplicate', message: '', days: 30 },
      { kind: 'password-reset', name: 'N', link: 'L', hours: 1 },
      { kind: 'moderator-reminder', count: 3, hours: 48, link: 'L' },
      { kind: 'accessibility-feedback', message: 'M', replyTo: '', page: '' },
    ];
    for (const t of templates) {
      const { subject, text } = renderMail(t, lang);
      expect(`${subject}\n${text}`).not.toMatch(/\{\{|\}\}|\$t\(/);
      // The service's name is a name: the same in every language.
      expect(subject).toContain(SERVICE_NAME);
      expect(subject).toContain('Yhteistyötila');
    }
  });
});
