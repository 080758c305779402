import { describe, expect, it } from 'vitest';
import {
  inOfficeHours,
  instantOf,
  localDayOf,
  slotsBetween,
  statusAt,
  type SlotPlan,
} from './slots.js';

const plan = (over: Partial<SlotPlan> = {}): SlotPlan => ({
  officeHours: [{ weekday: 7, start: '02:00', end: '05:00' }],
  slotMinutes: 30,
  timeZone: 'Europe/Helsinki',
  awayDays: [],
  ...over,
});
const iso = (slots: { start: Date }[]) => slots.map((s) => s.start.toISOString());

describe('office hours cut into slots in the expert’s time zone', () => {
  it('keeps wall-clock times across the March change (UTC+2 -> UTC+3)', () => {
    // Tuesdays 10:00-11:00 Helsinki: 08:00Z before 29.3.2026, 07:00Z after it.
    const p = plan({ officeHours: [{ weekday: 2, start: '10:00', end: '11:00' }] });
    const slots = slotsBetween(
      p,
      new Date('2026-03-23T00:00:00Z'),
      new Date('2026-04-01T00:00:00Z'),
    );
    expect(iso(slots)).toEqual([
      '2026-03-24T08:00:00.000Z',
      '2026-03-24T08:30:00.000Z',
      '2026-03-31T07:00:00.000Z',
      '2026-03-31T07:30:00.000Z',
    ]);
  });

  it('offers no slot in the hour that does not exist (29.3.2026, 03:00-04:00 local)', () => {
    const slots = slotsBetween(
      plan(),
      new Date('2026-03-28T12:00:00Z'),
      new Date('2026-03-30T00:00:00Z'),
    );
    // 02:00 and 02:30 are UTC+2; 03:00 and 03:30 are skipped; 04:00 and 04:30 are UTC+3.
    expect(iso(slots)).toEqual([
      '2026-03-29T00:00:00.000Z',
      '2026-03-29T00:30:00.000Z',
      '2026-03-29T01:00:00.000Z',
      '2026-03-29T01:30:00.000Z',
    ]);
    expect(instantOf('2026-03-29', 3 * 60 + 30, 'Europe/Helsinki')).toBeNull();
  });

  it('keeps wall-clock times across the October change (UTC+3 -> UTC+2)', () => {
    const p = plan({ officeHours: [{ weekday: 1, start: '09:00', end: '09:30' }] });
    const slots = slotsBetween(
      p,
      new Date('2026-10-19T00:00:00Z'),
      new Date('2026-10-27T00:00:00Z'),
    );
    expect(iso(slots)).toEqual(['2026-10-19T06:00:00.000Z', '2026-10-26T07:00:00.000Z']);
  });

  it('cuts by the chosen length, leaves out away days and what has begun', () => {
    const p = plan({
      officeHours: [{ weekday: 3, start: '12:00', end: '13:10' }],
      slotMinutes: 20,
      awayDays: ['2026-12-09'],
    });
    const slots = slotsBetween(
      p,
      new Date('2026-12-02T10:05:00Z'),
      new Date('2026-12-17T00:00:00Z'),
    );
    expect(iso(slots)).toEqual([
      '2026-12-02T10:20:00.000Z',
      '2026-12-02T10:40:00.000Z',
      '2026-12-16T10:00:00.000Z',
      '2026-12-16T10:20:00.000Z',
      '2026-12-16T10:40:00.000Z',
    ]);
    expect(slots[0]?.end.toISOString()).toBe('2026-12-02T10:40:00.000Z');
  });

  it('reads "now" in the expert’s zone, not the server’s', () => {
    const p = plan({
      officeHours: [{ weekday: 2, start: '08:00', end: '09:00' }],
      timeZone: 'America/New_York',
    });
    // Tuesday 1.12.2026 13:30Z is 08:30 in New York (and 15:30 in Helsinki).
    expect(inOfficeHours(p, new Date('2026-12-01T13:30:00Z'))).toBe(true);
    expect(inOfficeHours(p, new Date('2026-12-01T06:30:00Z'))).toBe(false);
    expect(localDayOf(new Date('2026-12-01T03:00:00Z'), 'America/New_York')).toBe('2026-11-30');
  });

  it('ends "away until" and "in a meeting until" when their moment passes', () => {
    const until = new Date('2026-12-01T12:00:00Z');
    expect(statusAt({ kind: 'away', until }, new Date('2026-12-01T11:59:00Z')).kind).toBe('away');
    expect(statusAt({ kind: 'away', until }, until).kind).toBe('available');
    expect(statusAt({ kind: 'away', until: null }, new Date('2030-01-01')).kind).toBe('away');
  });
});
