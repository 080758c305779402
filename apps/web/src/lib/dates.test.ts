import { afterEach, describe, expect, it } from 'vitest';
import {
  formatDate,
  formatDateTime,
  formatDay,
  formatNumber,
  formatTime,
  setDisplayTimeZone,
} from './dates.js';

// 14.59 in Helsinki (UTC+2 in November).
const AT = '2026-11-30T12:59:00Z';
const NOW = new Date('2026-11-30T18:00:00Z');
const YESTERDAY = '2026-11-29T08:05:00Z';
const EARLIER_THIS_YEAR = '2026-03-07T08:05:00Z';
const LAST_YEAR = '2025-12-24T08:05:00Z';

afterEach(() => setDisplayTimeZone(null));

describe('dates as Finland writes them', () => {
  it('writes day-month-year in every language, never month first', () => {
    expect(formatDate(AT, 'fi')).toBe('30.11.2026');
    expect(formatDate(AT, 'sv')).toBe('30.11.2026');
    expect(formatDate(AT, 'en')).toBe('30/11/2026');
  });

  it('writes 24-hour time in every language, never AM/PM', () => {
    expect(formatTime(AT, 'fi', NOW)).toBe('14.59');
    expect(formatTime(AT, 'sv', NOW)).toBe('14.59');
    expect(formatTime(AT, 'en', NOW)).toBe('14:59');
    expect(formatDateTime('2026-11-30T21:05:00Z', 'en')).toBe('30/11/2026, 23:05');
    expect(formatDateTime(AT, 'sv')).toBe('30.11.2026 14.59');
    expect(formatDateTime(AT, 'fi')).toMatch(/^30\.11\.2026( klo)? 14\.59$/);
  });

  it('says yesterday in words, and the date further back', () => {
    expect(formatTime(YESTERDAY, 'fi', NOW)).toBe('eilen 10.05');
    expect(formatTime(YESTERDAY, 'sv', NOW)).toMatch(/^i ?går 10\.05$/);
    expect(formatTime(YESTERDAY, 'en', NOW)).toBe('yesterday 10:05');
    expect(formatTime(EARLIER_THIS_YEAR, 'fi', NOW)).toBe('7.3. 10.05');
    expect(formatTime(EARLIER_THIS_YEAR, 'en', NOW)).toBe('07/03 10:05');
    expect(formatTime(LAST_YEAR, 'sv', NOW)).toBe('24.12.2025 10.05');
  });

  it('names the day between messages: today, yesterday, else the weekday and date', () => {
    expect(formatDay(AT, 'fi', NOW)).toBe('Tänään');
    expect(formatDay(AT, 'sv', NOW)).toBe('I dag');
    expect(formatDay(AT, 'en', NOW)).toBe('Today');
    expect(formatDay(YESTERDAY, 'fi', NOW)).toBe('Eilen');
    expect(formatDay(EARLIER_THIS_YEAR, 'sv', NOW)).toBe('lördag 7.3.2026');
    expect(formatDay(EARLIER_THIS_YEAR, 'en', NOW)).toBe('Saturday, 07/03/2026');
  });

  it("counts days in the reader's time zone, not the browser's", () => {
    // 23.30 UTC on the 29th is already the 30th in Helsinki: today, not yesterday.
    expect(formatDay('2026-11-29T23:30:00Z', 'en', NOW)).toBe('Today');
    setDisplayTimeZone('America/New_York');
    expect(formatDay('2026-11-29T23:30:00Z', 'en', NOW)).toBe('Yesterday');
    setDisplayTimeZone('Not/AZone');
    expect(formatClock24(AT)).toBe('14:59');
  });

  it('turns the day at midnight to the second, in zones of whole and of quarter hours', () => {
    expect(formatDay('2026-11-30T21:59:59Z', 'en', NOW)).toBe('Today');
    expect(formatDay('2026-11-30T22:00:00Z', 'en', NOW)).toBe('Tuesday, 01/12/2026');
    // Kathmandu is UTC+5.45: its midnight falls at a quarter past the UTC hour.
    setDisplayTimeZone('Asia/Kathmandu');
    expect(formatDay('2026-11-29T18:14:59Z', 'en', NOW)).toBe('Yesterday');
    expect(formatDay('2026-11-29T18:15:00Z', 'en', NOW)).toBe('Today');
  });

  it('groups numbers as each language does', () => {
    expect(formatNumber(12345.5, 'fi')).toBe('12\u00a0345,5');
    expect(formatNumber(12345.5, 'sv')).toBe('12\u00a0345,5');
    expect(formatNumber(12345.5, 'en')).toBe('12,345.5');
  });
});

const formatClock24 = (iso: string) => formatDateTime(iso, 'en').split(', ')[1];
