import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent, { type UserEvent } from '@testing-library/user-event';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { JoinPage } from './JoinPage.js';

const renderPage = () =>
  render(
    <QueryClientProvider client={new QueryClient()}>
      <MemoryRouter>
        <JoinPage />
      </MemoryRouter>
    </QueryClientProvider>,
  );

const statement = (version: string, section: string) => ({
  version,
  language: 'fi',
  markdown: `# Tietosuojaseloste\n\n## ${section}\n\nTeksti.`,
  controller: { name: 'Vanhempainliitto', contact: 'tietosuoja@example.fi' },
});
const json = (body: unknown, status = 200) =>
  Promise.resolve(new Response(JSON.stringify(body), { status }));

/**
 * The server's answers by path (the network edge; the page's own logic runs for real):
 * the statements in turn (the last one stays), then the join answers in turn.
 */
function stubServer(statements: unknown[], joinAnswers: Array<[number, unknown]> = []) {
  return vi.spyOn(globalThis, 'fetch').mockImplementation((input) => {
    const url = String(input);
    if (url.startsWith('/api/privacy'))
      return json(statements.length > 1 ? statements.shift() : statements[0]);
    if (url === '/api/join-requests') {
      const [status, body] = joinAnswers.shift() ?? [202, { status: 'verification-sent' }];
      return json(body, status);
    }
    return Promise.reject(new Error(`unexpected ${url}`));
  });
}
const joinCalls = (spy: ReturnType<typeof stubServer>) =>
  spy.mock.calls
    .filter(([url]) => String(url) === '/api/join-requests')
    .map(([, init]) => JSON.parse(String(init?.body)) as Record<string, unknown>);

async function fillIn(user: UserEvent, municipality = 'Tampere') {
  await user.type(screen.getByRole('textbox', { name: /^Nimi/ }), 'Maija Meikäläinen');
  await user.type(screen.getByRole('textbox', { name: /^Sähköpostiosoite/ }), 'maija@example.fi');
  await user.type(screen.getByRole('combobox', { name: /^Kunta/ }), municipality);
  await user.click(screen.getByRole('checkbox'));
}
/** As fillIn, the municipality chosen from the list as a person clicks it. */
async function fillInChoosingFromList(user: UserEvent) {
  await user.type(screen.getByRole('textbox', { name: /^Nimi/ }), 'Maija Meikäläinen');
  await user.type(screen.getByRole('textbox', { name: /^Sähköpostiosoite/ }), 'maija@example.fi');
  await user.type(screen.getByRole('combobox', { name: /^Kunta/ }), 'Tampere');
  await user.click(screen.getByRole('option', { name: /^Tampere/ }));
  await user.click(screen.getByRole('checkbox'));
}
const submit = (user: UserEvent) =>
  user.click(screen.getByRole('button', { name: 'Lähetä liittymispyyntö' }));

afterEach(() => vi.restoreAllMocks());

describe('join form', () => {
  it('shows inline messages tied to the fields, focuses the first one, and sends nothing', async () => {
    const fetchSpy = stubServer([statement('2027-01-01', 'Rekisterinpitäjä')]);
    const user = userEvent.setup();
    renderPage();
    await user.click(screen.getByRole('button', { name: 'Lähetä liittymispyyntö' }));

    const name = screen.getByRole('textbox', { name: /^Nimi/ });
    // The rules arrive with the form's first focus (join-submit.ts), so the check is a tick later.
    await waitFor(() => expect(name.getAttribute('aria-invalid')).toBe('true'));
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
    expect(joinCalls(fetchSpy)).toEqual([]);
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
    const fetchSpy = stubServer([statement('2027-01-01', 'Rekisterinpitäjä')]);
    const user = userEvent.setup();
    renderPage();
    await fillInChoosingFromList(user);
    await user.click(screen.getByRole('button', { name: 'Lähetä liittymispyyntö' }));

    await waitFor(() =>
      expect(screen.getByRole('heading', { name: 'Tarkista sähköpostisi' })).toBeTruthy(),
    );
    const sent = joinCalls(fetchSpy);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({
      name: 'Maija Meikäläinen',
      email: 'maija@example.fi',
      municipalityCode: '837',
      consent: true,
      privacyVersion: '2027-01-01',
      language: 'fi',
      website: '',
    });
    expect(screen.getByText(/maija@example.fi/)).toBeTruthy();
  });

  it('sends one request however quickly the button is pressed twice', async () => {
    const fetchSpy = stubServer([statement('2027-01-01', 'Rekisterinpitäjä')]);
    const user = userEvent.setup();
    renderPage();
    await fillInChoosingFromList(user);
    // Two submits in the same task: the second arrives before the first has re-rendered.
    const form = screen.getByRole('button', { name: 'Lähetä liittymispyyntö' }).closest('form')!;
    form.requestSubmit();
    form.requestSubmit();
    await waitFor(() =>
      expect(screen.getByRole('heading', { name: 'Tarkista sähköpostisi' })).toBeTruthy(),
    );
    expect(joinCalls(fetchSpy)).toHaveLength(1);
  });

  it('shows a statement changed while the form was open, asks again, and sends the new version', async () => {
    const fetchSpy = stubServer(
      [statement('2027-01-01', 'Vanha luku'), statement('2027-02-01', 'Uusi luku')],
      [
        [
          409,
          {
            code: 'CONFLICT',
            message: 'privacy statement changed: reload it',
            issues: [{ path: 'privacyVersion', code: 'privacy_version_changed' }],
          },
        ],
      ],
    );
    const user = userEvent.setup();
    renderPage();
    await fillIn(user);
    await user.click(screen.getByRole('option', { name: /^Tampere/ }));
    await submit(user);

    const notice = await screen.findByText(
      'Tietosuojaseloste päivittyi sillä aikaa, kun täytit lomaketta. Lue uusi versio alta ja anna suostumuksesi uudelleen.',
    );
    expect(notice.getAttribute('role')).toBe('alert');
    await waitFor(() => expect(document.activeElement).toBe(notice));
    expect(await screen.findByRole('heading', { name: 'Uusi luku' })).toBeTruthy();
    expect(screen.getByText('Versio 2027-02-01')).toBeTruthy();
    const consent = screen.getByRole('checkbox') as HTMLInputElement;
    expect(consent.checked).toBe(false);
    expect(screen.queryByRole('heading', { name: 'Tarkista sähköpostisi' })).toBeNull();

    await submit(user);
    expect(consent.getAttribute('aria-invalid')).toBe('true');
    expect(joinCalls(fetchSpy)).toHaveLength(1);
    await user.click(consent);
    await submit(user);
    await screen.findByRole('heading', { name: 'Tarkista sähköpostisi' });
    expect(joinCalls(fetchSpy).map((b) => b.privacyVersion)).toEqual(['2027-01-01', '2027-02-01']);
  });

  it('tells a recently rejected address, at its field, the day it may ask again', async () => {
    stubServer(
      [statement('2027-01-01', 'Luku')],
      [
        [
          409,
          {
            code: 'CONFLICT',
            message: 'rejected recently',
            issues: [{ path: 'email', code: 'rejected_wait' }],
            retryAfter: 10 * 86_400,
          },
        ],
      ],
    );
    const user = userEvent.setup();
    renderPage();
    await fillIn(user);
    await user.click(screen.getByRole('option', { name: /^Tampere/ }));
    await submit(user);
    const day = new Date(Date.now() + 10 * 86_400_000).toLocaleDateString('fi');
    const message = `Tästä osoitteesta lähetetty pyyntö hylättiin äskettäin. Voit lähettää uuden pyynnön ${day} alkaen.`;
    expect(await screen.findByText(message)).toBeTruthy();
    const email = screen.getByRole('textbox', { name: /Sähköpostiosoite/ });
    expect(email.getAttribute('aria-invalid')).toBe('true');
    expect(screen.queryByRole('heading', { name: 'Tarkista sähköpostisi' })).toBeNull();
  });

  it('says to choose from the list when the typed municipality matches none', async () => {
    const fetchSpy = stubServer([statement('2027-01-01', 'Rekisterinpitäjä')]);
    const user = userEvent.setup();
    renderPage();
    await fillIn(user, 'Tampre');
    await submit(user);
    const box = screen.getByRole('combobox', { name: /^Kunta/ });
    expect(box.getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(box);
    const message = document.getElementById(
      box.getAttribute('aria-describedby')?.split(' ')[0] ?? '',
    );
    expect(message?.textContent).toBe('Valitse kunta listasta.');
    expect(screen.queryByText('Täytä tämä kenttä.')).toBeNull();
    expect(joinCalls(fetchSpy)).toEqual([]);
  });

  it('accepts an exactly typed name in any case, with spaces around, in Swedish too', async () => {
    const fetchSpy = stubServer([statement('2027-01-01', 'Rekisterinpitäjä')]);
    const user = userEvent.setup();
    renderPage();
    await fillIn(user, '  TAMMERFORS ');
    // Enter in the box sends the form straight away: the typed name is already the choice.
    await user.type(screen.getByRole('combobox', { name: /^Kunta/ }), '{Enter}');
    await screen.findByRole('heading', { name: 'Tarkista sähköpostisi' });
    expect(joinCalls(fetchSpy)[0]).toMatchObject({ municipalityCode: '837' });
  });
});
