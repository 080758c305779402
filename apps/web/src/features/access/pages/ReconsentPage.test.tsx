import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, Route, Routes } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ReconsentPage } from './ReconsentPage.js';

const user = {
  id: 'a'.repeat(24),
  name: 'Maija',
  role: 'member',
  expert: false,
  language: 'fi',
  guestUntil: null,
  mustReconsent: true,
};
const statement = {
  version: '2027-01-01',
  language: 'fi',
  markdown:
    '# Tietosuojaseloste\n\n## Rekisterinpitäjä\n\nVanhempainliitto\n\n<script>alert(1)</script>',
  controller: { name: 'Vanhempainliitto', contact: 'tietosuoja@example.fi' },
};

const renderPage = () =>
  render(
    <QueryClientProvider client={new QueryClient()}>
      <MemoryRouter initialEntries={['/suostumus']}>
        <Routes>
          <Route path="/suostumus" element={<ReconsentPage />} />
          <Route path="/" element={<p>etusivu</p>} />
        </Routes>
      </MemoryRouter>
    </QueryClientProvider>,
  );

/** The server's answers by path (the network edge; the page's own logic runs for real). */
function stubServer() {
  return vi.spyOn(globalThis, 'fetch').mockImplementation((input) => {
    const url = String(input);
    const json = (body: unknown) =>
      Promise.resolve(new Response(JSON.stringify(body), { status: 200 }));
    if (url.startsWith('/api/session'))
      return json({ user, serverTime: '2027-01-02T00:00:00.000Z' });
    if (url.startsWith('/api/privacy')) return json(statement);
    if (url.startsWith('/api/consent')) return json({ user: { ...user, mustReconsent: false } });
    return Promise.reject(new Error(`unexpected ${url}`));
  });
}

afterEach(() => vi.restoreAllMocks());

describe('re-consent page', () => {
  it('shows the new statement safely, requires the checkbox, then records consent to that version', async () => {
    const fetchSpy = stubServer();
    render(
      <QueryClientProvider client={new QueryClient()}>
        <MemoryRouter initialEntries={['/suostumus']}>
          <Routes>
            <Route path="/suostumus" element={<ReconsentPage />} />
            <Route path="/" element={<p>etusivu</p>} />
          </Routes>
        </MemoryRouter>
      </QueryClientProvider>,
    );
    await screen.findByRole('heading', { name: 'Rekisterinpitäjä' });
    expect(document.querySelector('script')).toBeNull();
    expect(screen.getAllByRole('heading', { level: 1 })).toHaveLength(1);

    const u = userEvent.setup();
    await u.click(screen.getByRole('button', { name: 'Hyväksy ja jatka' }));
    const box = screen.getByRole('checkbox');
    expect(box.getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(box);
    expect(fetchSpy.mock.calls.some(([url]) => String(url).startsWith('/api/consent'))).toBe(false);

    await u.click(box);
    await u.click(screen.getByRole('button', { name: 'Hyväksy ja jatka' }));
    await waitFor(() => expect(screen.getByText('etusivu')).toBeTruthy());
    const call = fetchSpy.mock.calls.find(([url]) => String(url).startsWith('/api/consent'));
    expect(JSON.parse(String(call?.[1]?.body))).toEqual({
      version: '2027-01-01',
      consent: true,
      language: 'fi',
    });
  });

  it('shows a version published while the page was open and asks again before recording it', async () => {
    const newer = {
      ...statement,
      version: '2027-02-01',
      markdown: '# T\n\n## Uusi luku\n\nTeksti.',
    };
    let served = statement;
    const consents: unknown[] = [];
    vi.spyOn(globalThis, 'fetch').mockImplementation((input, init) => {
      const url = String(input);
      const json = (body: unknown, status = 200) =>
        Promise.resolve(new Response(JSON.stringify(body), { status }));
      if (url.startsWith('/api/session'))
        return json({ user, serverTime: '2027-01-02T00:00:00.000Z' });
      if (url.startsWith('/api/privacy')) return json(served);
      if (url.startsWith('/api/consent')) {
        const body = JSON.parse(String(init?.body)) as { version: string };
        consents.push(body.version);
        if (body.version !== newer.version)
          return json(
            {
              code: 'CONFLICT',
              message: 'privacy statement changed: reload it',
              issues: [{ path: 'version', code: 'privacy_version_changed' }],
            },
            409,
          );
        return json({ user: { ...user, mustReconsent: false } });
      }
      return Promise.reject(new Error(`unexpected ${url}`));
    });
    renderPage();
    await screen.findByRole('heading', { name: 'Rekisterinpitäjä' });
    served = newer;
    const u = userEvent.setup();
    await u.click(screen.getByRole('checkbox'));
    await u.click(screen.getByRole('button', { name: 'Hyväksy ja jatka' }));

    await screen.findByRole('heading', { name: 'Uusi luku' });
    expect(
      screen.getByText(
        'Tietosuojaseloste päivittyi juuri uudelleen. Lue uusi versio ja hyväksy se.',
      ),
    ).toBeTruthy();
    expect((screen.getByRole('checkbox') as HTMLInputElement).checked).toBe(false);
    await u.click(screen.getByRole('checkbox'));
    await u.click(screen.getByRole('button', { name: 'Hyväksy ja jatka' }));
    await waitFor(() => expect(screen.getByText('etusivu')).toBeTruthy());
    expect(consents).toEqual(['2027-01-01', '2027-02-01']);
  });
});
