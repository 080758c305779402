import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SetPasswordPage } from './SetPasswordPage.js';

const renderPage = () =>
  render(
    <QueryClientProvider client={new QueryClient()}>
      <MemoryRouter>
        <SetPasswordPage />
      </MemoryRouter>
    </QueryClientProvider>,
  );
const answer = (status: number, body: unknown) => new Response(JSON.stringify(body), { status });

afterEach(() => {
  vi.restoreAllMocks();
  window.location.hash = '';
});

describe('set password page', () => {
  it('explains a used link instead of showing the form', async () => {
    window.location.hash = '#token=abcdefghijklmnop';
    vi.spyOn(globalThis, 'fetch').mockResolvedValue(
      answer(410, { code: 'TOKEN_USED', message: 'x' }),
    );
    renderPage();
    await waitFor(() =>
      expect(screen.getByRole('alert').textContent).toContain('Linkki on jo käytetty'),
    );
    expect(screen.queryByLabelText(/Uusi salasana/)).toBeNull();
    expect(screen.getByRole('link', { name: 'Unohtuiko salasana?' })).toBeTruthy();
  });

  it('says why a link sent before a change of password no longer works', async () => {
    window.location.hash = '#token=abcdefghijklmnop';
    vi.spyOn(globalThis, 'fetch').mockResolvedValue(
      answer(410, { code: 'TOKEN_REVOKED', message: 'x' }),
    );
    renderPage();
    await waitFor(() =>
      expect(screen.getByRole('alert').textContent).toContain(
        'Salasana on vaihdettu tämän linkin lähettämisen jälkeen',
      ),
    );
    expect(screen.queryByLabelText(/Uusi salasana/)).toBeNull();
    expect(screen.getByRole('link', { name: 'Unohtuiko salasana?' })).toBeTruthy();
  });

  it('says the link is broken when it has no token', () => {
    renderPage();
    expect(screen.getByRole('alert').textContent).toContain('Linkki ei kelpaa');
  });

  it('shows the length rule up front and checks it and the repetition before sending', async () => {
    window.location.hash = '#token=abcdefghijklmnop';
    const fetchSpy = vi
      .spyOn(globalThis, 'fetch')
      .mockResolvedValue(
        answer(200, { purpose: 'set-password', expiresAt: '2026-11-26T10:00:00.000Z' }),
      );
    renderPage();
    const password = await screen.findByLabelText(/^Uusi salasana/);
    const hint = document.getElementById(password.getAttribute('aria-describedby') ?? '');
    expect(hint?.textContent).toContain('Vähintään 10 merkkiä');

    const user = userEvent.setup();
    await user.type(password, 'lyhyt');
    await user.type(screen.getByLabelText(/^Salasana uudelleen/), 'toinen');
    await user.click(screen.getByRole('button', { name: 'Tallenna salasana ja kirjaudu' }));
    expect(password.getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(password);
    expect(screen.getByText('Salasanassa pitää olla vähintään 10 merkkiä.')).toBeTruthy();
    expect(screen.getByText('Salasanat eivät ole samat.')).toBeTruthy();
    expect(fetchSpy).toHaveBeenCalledTimes(1); // only the link check
  });
});
