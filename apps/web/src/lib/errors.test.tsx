import { renderHook } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ApiError } from './api.js';
import { useErrorMessage } from './errors.js';
import { changeLanguage } from './i18n.js';

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
