import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { renderHook } from '@testing-library/react';
import i18next from 'i18next';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiError } from './api.js';
import { useErrorMessage } from './errors.js';
import { changeLanguage } from './i18n.js';

afterEach(() => i18next.changeLanguage('fi'));

describe('a mute says until when as Finland writes it', () => {
  it('in English day-month-year and 24-hour time, never 11/30/2026 or PM', async () => {
    await i18next.changeLanguage('en');
    const { result } = renderHook(() => useErrorMessage());
    const message = result.current(
      new ApiError({ code: 'MUTED', message: 'muted', retryAfter: 3600 }, 403),
    );
    expect(message).toMatch(/until \d{2}\/\d{2}\/\d{4}, \d{2}:\d{2}\.$/);
    expect(message).not.toMatch(/AM|PM/);
  });
});

describe('dates go through lib/dates.ts', () => {
  it('no screen formats a date with toLocaleString on its own (en would write 11/30/2026, 2:59 PM)', () => {
    const root = join(import.meta.dirname, '..');
    const files = (dir: string): string[] =>
      readdirSync(dir).flatMap((name) => {
        const path = join(dir, name);
        return statSync(path).isDirectory() ? files(path) : [path];
      });
    const offenders = files(root)
      .filter((f) => /\.tsx?$/.test(f) && !/\.test\.tsx?$/.test(f) && !f.endsWith('dates.ts'))
      .filter((f) =>
        /\.toLocale(Date|Time)?String\(|Intl\.DateTimeFormat/.test(readFileSync(f, 'utf8')),
      )
      .map((f) => relative(root, f));
    expect(offenders).toEqual([]);
  });
});

const invalid = (issues: { path: string; code: string }[]) =>
  new ApiError({ code: 'VALIDATION_ERROR', message: 'invalid', issues }, 400);

describe('error messages', () => {
  it("say a field's own reason where one is written, the code's otherwise", async () => {
    const message = () => renderHook(() => useErrorMessage()).result.current;
    expect(message()(invalid([{ path: 'dueAt', code: 'past' }]))).toBe(
      'Tarkistuksen eräpäivän pitää olla tulevaisuudessa.',
    );
    expect(message()(invalid([{ path: 'wholeThread', code: 'not_a_thread_root' }]))).toBe(
      'Koko ketjun voi tallentaa vain ketjun aloitusviestistä.',
    );
    // An issue with no words of its own: the generic validation message.
    expect(message()(invalid([{ path: 'title', code: 'too_small' }]))).toBe(message()(invalid([])));
    await changeLanguage('sv');
    expect(message()(invalid([{ path: 'dueAt', code: 'too_far' }]))).toBe(
      'Förfallodagen för granskningen får ligga högst tre år fram i tiden.',
    );
    await changeLanguage('en');
    expect(message()(invalid([{ path: 'dueAt', code: 'too_far' }]))).toBe(
      'The review due date can be at most three years away.',
    );
    await changeLanguage('fi');
  });
});
