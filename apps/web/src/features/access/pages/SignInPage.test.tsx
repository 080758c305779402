import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SignInPage, safeNext } from './SignInPage.js';

const renderPage = () =>
  render(
    <QueryClientProvider client={new QueryClient()}>
      <MemoryRouter>
        <SignInPage />
      </MemoryRouter>
    </QueryClientProvider>,
  );

const answer = (status: number, body: unknown) => new Response(JSON.stringify(body), { status });

afterEach(() => vi.restoreAllMocks());

async function signIn(password = 'väärä salasana') {
  const user = userEvent.setup();
  await user.type(screen.getByRole('textbox', { name: 'Sähköpostiosoite' }), 'maija@example.fi');
  await user.type(screen.getByLabelText('Salasana'), password);
  await user.click(screen.getByRole('button', { name: 'Kirjaudu' }));
}

describe('sign-in form', () => {
  it('answers a wrong password with one generic message and clears the password', async () => {
    vi.spyOn(globalThis, 'fetch').mockResolvedValue(
      answer(401, { code: 'INVALID_CREDENTIALS', message: 'x' }),
    );
    renderPage();
    await signIn();
    await waitFor(() =>
      expect(screen.getByRole('alert').textContent).toBe(
        'Sähköpostiosoite tai salasana on väärin.',
      ),
    );
    expect((screen.getByLabelText('Salasana') as HTMLInputElement).value).toBe('');
  });

  it('tells how long a lockout lasts, in minutes, and what still works', async () => {
    vi.spyOn(globalThis, 'fetch').mockResolvedValue(
      answer(429, { code: 'RATE_LIMITED', message: 'x', retryAfter: 899.2 }),
    );
    renderPage();
    await signIn();
    await waitFor(() =>
      expect(screen.getByRole('alert').textContent).toContain(
        'Liian monta yritystä. Odota hetki ja yritä uudelleen. Voit yrittää uudelleen 15 minuutin kuluttua.',
      ),
    );
    expect(screen.getByRole('alert').textContent).toContain(
      'Laitteella, jolla olet kirjautunut tähän osoitteeseen aiemmin, voit kirjautua nytkin.',
    );
  });

  it('tells a short wait in seconds', async () => {
    vi.spyOn(globalThis, 'fetch').mockResolvedValue(
      answer(429, { code: 'RATE_LIMITED', message: 'x', retryAfter: 41.5 }),
    );
    renderPage();
    await signIn();
    await waitFor(() =>
      expect(screen.getByRole('alert').textContent).toContain('42 sekunnin kuluttua'),
    );
  });

  it('validates before sending anything', async () => {
    const fetchSpy = vi.spyOn(globalThis, 'fetch');
    renderPage();
    await userEvent.setup().click(screen.getByRole('button', { name: 'Kirjaudu' }));
    expect(
      screen.getByRole('textbox', { name: 'Sähköpostiosoite' }).getAttribute('aria-invalid'),
    ).toBe('true');
    expect(document.activeElement).toBe(screen.getByRole('textbox', { name: 'Sähköpostiosoite' }));
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  it('only follows same-site return addresses', () => {
    expect(safeNext('/moderointi')).toBe('/moderointi');
    expect(safeNext('//evil.example/x')).toBe('/');
    expect(safeNext('https://evil.example')).toBe('/');
    expect(safeNext(null)).toBe('/');
  });
});
