import { describe, expect, it } from 'vitest';
import {
  ACTIVE_WINDOW_MS,
  EMAIL_BATCH_MS,
  NOTIFICATION_KINDS,
  NOTIFICATION_KIND_TABLE,
  defaultNotificationPrefs,
  deliveryFor,
  notificationPrefsSchema,
  type NotificationPrefs,
} from './notifications.js';

/** A test clock: wall times in Helsinki (UTC+2 in winter). */
const helsinki = (hhmm: string, day = '2026-12-01') => new Date(`${day}T${hhmm}:00+02:00`);
const away = { lastActiveAt: null };
const prefs = (change: (p: NotificationPrefs) => void = () => {}) => {
  const p = defaultNotificationPrefs();
  change(p);
  return notificationPrefsSchema.parse(p);
};

describe('the kinds table', () => {
  it('has a row for every kind, and the defaults follow it', () => {
    const p = defaultNotificationPrefs();
    for (const k of NOTIFICATION_KINDS)
      expect(p.kinds[k]).toEqual(NOTIFICATION_KIND_TABLE[k].defaults);
    expect(p.timeZone).toBe('Europe/Helsinki');
  });

  it('refuses an unknown time zone and a level list beyond its cap', () => {
    expect(
      notificationPrefsSchema.safeParse({ ...prefs(), timeZone: 'Mars/Olympus' }).success,
    ).toBe(false);
  });
});

describe('deliveryFor', () => {
  it('an evening mention while away: in-app, push now, e-mail in the digest at 19', () => {
    const d = deliveryFor('mention', prefs(), away, helsinki('18:10'));
    expect(d.inApp).toBe(true);
    expect(d.push).toEqual({ at: helsinki('18:10') });
    expect(d.email).toEqual({ at: helsinki('19:00') });
  });

  it('quiet hours hold push and mail until they end, in the person’s time zone', () => {
    const d = deliveryFor('dm', prefs(), away, helsinki('23:30'));
    expect(d.inApp).toBe(true);
    expect(d.push).toEqual({ at: helsinki('07:00', '2026-12-02') });
    // The digest at 19 the next day is outside quiet hours.
    expect(d.email).toEqual({ at: helsinki('19:00', '2026-12-02') });
    const stockholm = prefs((p) => (p.timeZone = 'Europe/Stockholm'));
    // 23:30 in Helsinki is 22:30 in Stockholm: still quiet there; it ends at 07:00 Stockholm.
    expect(deliveryFor('dm', stockholm, away, helsinki('23:30')).push).toEqual({
      at: new Date('2026-12-02T07:00:00+01:00'),
    });
    const noQuiet = prefs((p) => (p.quietHours.enabled = false));
    expect(deliveryFor('dm', noQuiet, away, helsinki('23:30')).push).toEqual({
      at: helsinki('23:30'),
    });
  });

  it('a batched mail that would land in quiet hours waits for their end', () => {
    const batched = prefs((p) => (p.email.frequency = 'batched'));
    expect(deliveryFor('mention', batched, away, helsinki('12:00')).email).toEqual({
      at: new Date(helsinki('12:00').getTime() + EMAIL_BATCH_MS),
    });
    expect(deliveryFor('mention', batched, away, helsinki('21:50')).email).toEqual({
      at: helsinki('07:00', '2026-12-02'),
    });
  });

  it('wait while active: no push or mail while active or for what was seen; in-app still', () => {
    const now = helsinki('18:00');
    const active = { lastActiveAt: new Date(now.getTime() - 30_000) };
    expect(deliveryFor('mention', prefs(), active, now)).toEqual({
      inApp: true,
      email: null,
      push: null,
    });
    expect(
      deliveryFor('mention', prefs(), { lastActiveAt: null, seen: true }, now).push,
    ).toBeNull();
    const idle = { lastActiveAt: new Date(now.getTime() - ACTIVE_WINDOW_MS - 1) };
    expect(deliveryFor('mention', prefs(), idle, now).push).not.toBeNull();
    const dontWait = prefs((p) => (p.waitWhileActive = false));
    expect(deliveryFor('mention', dontWait, active, now).push).toEqual({ at: now });
  });

  it('per channel: "nothing" silences everything from it, "mentions only" lets mentions pass', () => {
    const conversationId = 'a'.repeat(24);
    const now = helsinki('18:00');
    const nothing = prefs((p) => p.channels.push({ conversationId, level: 'nothing' }));
    expect(deliveryFor('mention', nothing, away, now, { conversationId })).toEqual({
      inApp: false,
      email: null,
      push: null,
    });
    const mentions = prefs((p) => p.channels.push({ conversationId, level: 'mentions' }));
    expect(deliveryFor('mention', mentions, away, now, { conversationId }).inApp).toBe(true);
    expect(deliveryFor('thread-reply', mentions, away, now, { conversationId }).inApp).toBe(false);
    // Another conversation keeps "all".
    expect(
      deliveryFor('thread-reply', mentions, away, now, { conversationId: 'b'.repeat(24) }).inApp,
    ).toBe(true);
  });

  it('per kind and channel switches, and e-mail off', () => {
    const now = helsinki('18:00');
    const p = prefs((x) => {
      x.kinds.mention = { inApp: false, email: true, push: false };
      x.email.frequency = 'off';
    });
    expect(deliveryFor('mention', p, away, now)).toEqual({ inApp: false, email: null, push: null });
  });
});
