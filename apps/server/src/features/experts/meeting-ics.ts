import { TZDate } from '@date-fns/tz';
import { getVtimezoneComponent } from '@touch4it/ical-timezones';
import ical, { ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import type { MailAttachment } from '../mail/index.js';

export interface InviteInput {
  /** The meeting's id: the invite's UID, so a cancellation finds the same event. */
  meetingId: string;
  method: 'REQUEST' | 'CANCEL';
  start: Date;
  end: Date;
  /**
   * The expert's time zone (the office hours are in it): DTSTART carries its TZID and the
   * calendar its VTIMEZONE, so a calendar shows the right local time on either side of a DST
   * change and converts it for a reader elsewhere.
   */
  timeZone: string;
  summary: string;
  description: string;
  location: string;
  /** The service's own address: no person's e-mail goes to the other party. */
  organizer: { name: string; email: string };
  attendee: { name: string; email: string };
}

/** A calendar invite (METHOD:REQUEST) or its cancellation (METHOD:CANCEL) as an .ics file. */
export function meetingInvite(input: InviteInput): MailAttachment {
  const cancel = input.method === 'CANCEL';
  const calendar = ical({
    prodId: { company: 'Suomen Vanhempainliitto', product: 'Yhteistyotila' },
    method: cancel ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.REQUEST,
  });
  calendar.timezone({ name: input.timeZone, generator: getVtimezoneComponent });
  calendar.createEvent({
    id: `meeting-${input.meetingId}@yhteistyotila`,
    // Dates in the zone, so ical-generator writes their local time under the TZID.
    start: new TZDate(input.start, input.timeZone),
    end: new TZDate(input.end, input.timeZone),
    timezone: input.timeZone,
    summary: input.summary,
    description: input.description,
    location: input.location,
    organizer: input.organizer,
    attendees: [{ ...input.attendee, rsvp: !cancel }],
    // A cancellation must outrank the invite for calendars to apply it.
    sequence: cancel ? 1 : 0,
    status: cancel ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
  });
  return {
    filename: cancel ? 'cancel.ics' : 'invite.ics',
    content: calendar.toString(),
    contentType: `text/calendar; charset=utf-8; method=${input.method}`,
  };
}
