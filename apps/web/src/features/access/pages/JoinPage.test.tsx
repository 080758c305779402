import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { JoinPage } from './JoinPage.js';

const renderPage = () =>
  render(
    <MemoryRouter>
      <JoinPage />
    </MemoryRouter>,
  );

afterEach(() => vi.restoreAllMocks());

describe('join form', () => {
  it('shows inline messages tied to the fields, focuses the first one, and sends nothing', async () => {
    const fetchSpy = vi.spyOn(globalThis, 'fetch');
    const user = userEvent.setup();
    renderPage();
    await user.click(screen.getByRole('button', { name: 'Lähetä liittymispyyntö' }));

    const name = screen.getByRole('textbox', { name: /^Nimi/ });
    expect(name.getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(name);
    expect(document.getElementById(name.getAttribute('aria-describedby') ?? '')?.textContent).toBe(
      'Täytä tämä kenttä.',
    );
    expect(screen.getByRole('combobox', { name: /^Kunta/ }).getAttribute('aria-invalid')).toBe(
      'true',
    );
    const consent = screen.getByRole('checkbox');
    expect(consent.getAttribute('aria-invalid')).toBe('true');
    expect(
      screen.getByText('Liittyminen edellyttää, että hyväksyt henkilötietojen käsittelyn.'),
    ).toBeTruthy();
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  it('explains a malformed e-mail address rather than calling it missing', async () => {
    const user = userEvent.setup();
    renderPage();
    await user.type(screen.getByRole('textbox', { name: /^Nimi/ }), 'Maija');
    await user.type(screen.getByRole('textbox', { name: /^Sähköpostiosoite/ }), 'maija@');
    await user.click(screen.getByRole('button', { name: 'Lähetä liittymispyyntö' }));
    const email = screen.getByRole('textbox', { name: /^Sähköpostiosoite/ });
    expect(document.activeElement).toBe(email);
    expect(screen.getByText('Kirjoita sähköpostiosoite muodossa nimi@esimerkki.fi.')).toBeTruthy();
  });

  it('finds a municipality by its Swedish name and picks it with the keyboard', async () => {
    const user = userEvent.setup();
    renderPage();
    const box = screen.getByRole('combobox', { name: /^Kunta/ });
    await user.type(box, 'helsingfo');
    expect(box.getAttribute('aria-expanded')).toBe('true');
    const options = screen.getAllByRole('option');
    expect(options[0]?.textContent).toContain('Helsinki');
    await user.keyboard('{ArrowDown}');
    expect(box.getAttribute('aria-activedescendant')).toBe(options[0]?.id);
    await user.keyboard('{Enter}');
    expect((box as HTMLInputElement).value).toBe('Helsinki');
    expect(box.getAttribute('aria-expanded')).toBe('false');
  });

  it('hides the honeypot from people and assistive technology', () => {
    renderPage();
    const honeypot = document.getElementById('join-website') as HTMLInputElement;
    expect(honeypot.tabIndex).toBe(-1);
    expect(honeypot.autocomplete).toBe('off');
    expect(honeypot.closest('[aria-hidden="true"]')).toBeTruthy();
    expect(screen.queryByRole('textbox', { name: /tyhjäksi/ })).toBeNull();
  });

  it('sends a valid request with consent and tells the person to check their e-mail', async () => {
    const fetchSpy = vi
      .spyOn(globalThis, 'fetch')
      .mockResolvedValue(
        new Response(JSON.stringify({ status: 'verification-sent' }), { status: 202 }),
      );
    const user = userEvent.setup();
    renderPage();
    await user.type(screen.getByRole('textbox', { name: /^Nimi/ }), 'Maija Meikäläinen');
    await user.type(screen.getByRole('textbox', { name: /^Sähköpostiosoite/ }), 'maija@example.fi');
    await user.type(screen.getByRole('combobox', { name: /^Kunta/ }), 'Tampere');
    await user.click(screen.getByRole('option', { name: /^Tampere/ }));
    await user.click(screen.getByRole('checkbox'));
    await user.click(screen.getByRole('button', { name: 'Lähetä liittymispyyntö' }));

    await waitFor(() =>
      expect(screen.getByRole('heading', { name: 'Tarkista sähköpostisi' })).toBeTruthy(),
    );
    expect(fetchSpy).toHaveBeenCalledTimes(1);
    const [url, init] = fetchSpy.mock.calls[0] ?? [];
    expect(url).toBe('/api/join-requests');
    const body = JSON.parse(String(init?.body)) as Record<string, unknown>;
    expect(body).toMatchObject({
      name: 'Maija Meikäläinen',
      email: 'maija@example.fi',
      municipalityCode: '837',
      consent: true,
      language: 'fi',
      website: '',
    });
    expect(screen.getByText(/maija@example.fi/)).toBeTruthy();
  });
});
