import type { Language, MeetingMode } from '@yhteistyotila/protocol';
import type { AppContext } from '../../context.js';
import { sendTemplate, type MailAttachment, type MailTemplate } from '../mail/index.js';
import { meetingInvite } from './meeting-ics.js';
import { INTL_LOCALE } from '../../lib/intl-locale.js';

/** One side of a meeting, as its mails need them. */
export interface Party {
  id: string;
  name: string;
  email: string;
  language: Language;
  timeZone: string;
}

export interface MeetingForMail {
  id: string;
  start: Date;
  end: Date;
  topic: string;
  note: string;
  mode: MeetingMode;
  expert: Party;
  booker: Party;
  /** The expert's phone number or meeting link (for the booker only). */
  contact: string;
  /** The side whose account was erased (an 'erased-cancelled' mail goes to the other only). */
  erased?: 'booker' | 'expert' | undefined;
}

export type MeetingMailKind =
  'booked' | 'reminder' | 'cancelled' | 'away-cancelled' | 'erased-cancelled';

/** "tiistai 1.12.2026 klo 10.00–10.30 UTC+2", in the reader's language and time zone. */
export function formatWhen(start: Date, end: Date, language: Language, timeZone: string): string {
  return new Intl.DateTimeFormat(INTL_LOCALE[language], {
    weekday: 'long',
    day: 'numeric',
    month: 'numeric',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone,
    timeZoneName: 'short',
  }).formatRange(start, end);
}

/** "Yhteistyötila <no-reply@x>" -> { name, email } for the invite's ORGANIZER. */
function organizerOf(mailFrom: string) {
  const match = /^\s*"?([^"<]*?)"?\s*<([^>]+)>\s*$/.exec(mailFrom);
  return match
    ? { name: match[1] || match[2]!, email: match[2]! }
    : { name: mailFrom, email: mailFrom };
}

/**
 * The mails of one step of a meeting, each in its reader's language and time zone: booked and
 * cancelled ones carry the invite or its cancellation. A failed mail is logged, never undoes the
 * booking or the cancellation that caused it.
 */
export async function mailMeeting(
  app: Pick<AppContext, 'config' | 'log'>,
  kind: MeetingMailKind,
  meeting: MeetingForMail,
): Promise<void> {
  const sides =
    kind === 'away-cancelled'
      ? [meeting.booker]
      : kind === 'erased-cancelled'
        ? [meeting.erased === 'booker' ? meeting.expert : meeting.booker]
        : [meeting.booker, meeting.expert];
  // Of an erased person, nothing but the meeting's time and topic goes out (no name, contact).
  const erased = kind === 'erased-cancelled';
  await Promise.all(
    sides.map(async (to) => {
      const isBooker = to.id === meeting.booker.id;
      const other = isBooker ? meeting.expert : meeting.booker;
      const fields = {
        name: to.name,
        other: other.name,
        when: formatWhen(meeting.start, meeting.end, to.language, to.timeZone),
        topic: meeting.topic,
        mode: meeting.mode,
        link: `${app.config.publicUrl}/asiantuntijat/tapaamiset`,
      };
      const template: MailTemplate =
        kind === 'booked'
          ? isBooker
            ? { kind: 'meeting-booked-booker', ...fields, contact: meeting.contact }
            : { kind: 'meeting-booked-expert', ...fields, note: meeting.note || '–' }
          : kind === 'reminder'
            ? isBooker
              ? { kind: 'meeting-reminder-booker', ...fields, contact: meeting.contact }
              : { kind: 'meeting-reminder-expert', ...fields, note: meeting.note || '–' }
            : kind === 'cancelled'
              ? { kind: 'meeting-cancelled', ...fields }
              : kind === 'away-cancelled'
                ? { kind: 'meeting-away-cancelled', ...fields }
                : {
                    kind: 'meeting-erased-cancelled',
                    name: fields.name,
                    when: fields.when,
                    topic: fields.topic,
                    mode: fields.mode,
                    link: fields.link,
                  };
      const attachments: MailAttachment[] =
        kind === 'reminder'
          ? []
          : [
              meetingInvite({
                meetingId: meeting.id,
                method: kind === 'booked' ? 'REQUEST' : 'CANCEL',
                start: meeting.start,
                end: meeting.end,
                timeZone: meeting.expert.timeZone,
                summary: erased ? meeting.topic : `${meeting.topic} – ${other.name}`,
                description: meeting.topic,
                location: isBooker && !erased ? meeting.contact : '',
                organizer: organizerOf(app.config.mailFrom),
                attendee: { name: to.name, email: to.email },
              }),
            ];
      await sendTemplate(app, to.email, to.language, template, attachments).catch((err: unknown) =>
        app.log.error({ err, meetingId: meeting.id, mail: template.kind }, 'meeting mail failed'),
      );
    }),
  );
}
