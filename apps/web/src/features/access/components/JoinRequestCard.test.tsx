import type { JoinRequest } from '@yhteistyotila/protocol';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen } from '@testing-library/react';
import i18next from 'i18next';
import { afterEach, describe, expect, it } from 'vitest';
import { JoinRequestCard } from './JoinRequestCard.js';

const request: JoinRequest = {
  id: '0123456789abcdef01234567',
  name: 'Sara Sundström',
  email: 'sara@example.test',
  municipalityCode: '179',
  association: 'Kortepohjan koulun vanhempainyhdistys',
  parentRole: 'Ordförande',
  motivation: 'Jag vill lära mig av andra.',
  language: 'sv',
  status: 'pending',
  createdAt: '2026-11-30T12:00:00Z',
  verifiedAt: '2026-11-30T12:59:00Z',
  claimedBy: null,
  claimExpiresAt: null,
  decidedBy: null,
  decidedAt: null,
  userId: null,
  rejectReason: null,
  rejectText: '',
};

const show = () =>
  render(
    <QueryClientProvider client={new QueryClient()}>
      <JoinRequestCard request={request} me="ffffffffffffffffffffffff" onChanged={() => {}} />
    </QueryClientProvider>,
  );
const terms = () => screen.getAllByRole('term').map((t) => t.textContent);

afterEach(() => i18next.changeLanguage('fi'));

describe("the moderator's view of a join request", () => {
  it('speaks about the applicant, not to them, in every language', async () => {
    show();
    expect(terms()).toEqual(
      expect.arrayContaining(['Tehtävä vanhempaintoiminnassa', 'Miksi haluaa liittyä']),
    );
    expect(terms().join(' ')).not.toMatch(/Tehtäväsi|haluat/);
    await i18next.changeLanguage('sv');
    show();
    expect(screen.getAllByRole('term').map((t) => t.textContent)).toEqual(
      expect.arrayContaining(['Uppgift i föräldraverksamheten', 'Varför hen vill gå med']),
    );
    // Jyväskylä in Swedish, the verification time as Finland writes it.
    expect(screen.getAllByText(/Jyväskylä/).length).toBeGreaterThan(0);
    expect(screen.getAllByText('30.11.2026 14.59').length).toBeGreaterThan(0);
    await i18next.changeLanguage('en');
    show();
    expect(screen.getAllByText('30/11/2026, 14:59').length).toBeGreaterThan(0);
    expect(screen.queryByText(/PM|AM/)).toBeNull();
  });
});
