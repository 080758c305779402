import type { SessionUser } from '@yhteistyotila/protocol';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { describe, expect, it } from 'vitest';
import { queryKeys } from '../../../lib/query-keys.js';
import { EntryWritingTools } from './EntryWritingTools.js';
import { testEntry, testUser } from './test-entry.js';

/** Signed in as `user` (the session answered from the cache: no socket needed to draw). */
function renderAs(user: SessionUser, entry = testEntry()) {
  const qc = new QueryClient({ defaultOptions: { queries: { staleTime: Infinity } } });
  qc.setQueryData(queryKeys.session, user);
  render(
    <QueryClientProvider client={qc}>
      <MemoryRouter>
        <EntryWritingTools entry={entry} presence={[]} />
      </MemoryRouter>
    </QueryClientProvider>,
  );
}

const flagged = testEntry({
  needsUpdating: {
    reason: 'Laki muuttui 2027.',
    by: { id: 'c'.repeat(24), name: 'Pekka Puu', role: 'member', expert: false },
    at: '2027-02-01T10:00:00.000Z',
  },
});

describe('the entry’s writing tools follow the permissions table', () => {
  it('a member edits, says "we tried this too" and flags, but cannot stamp', () => {
    renderAs(testUser('member'));
    expect(screen.getByRole('link', { name: 'Muokkaa' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Kokeilimme tätä myös' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Kaipaa päivitystä' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: /asiantuntijan tarkastamaksi/ })).toBeNull();
  });

  it('an expert stamps the revision', () => {
    renderAs(testUser('member', true));
    expect(
      screen.getByRole('button', { name: 'Merkitse asiantuntijan tarkastamaksi' }),
    ).toBeTruthy();
  });

  it('a guest expert reads only: no edit, no stamp, no flag', () => {
    renderAs(testUser('guest', true));
    expect(screen.queryByRole('link', { name: 'Muokkaa' })).toBeNull();
    expect(screen.queryByRole('button', { name: /tarkastamaksi/ })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Kaipaa päivitystä' })).toBeNull();
  });

  it('shows the "needs updating" reason to all; only experts and staff may clear it', () => {
    renderAs(testUser('member'), flagged);
    expect(screen.getByText('Laki muuttui 2027.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Poista merkintä' })).toBeNull();
    document.body.innerHTML = '';
    renderAs(testUser('moderator'), flagged);
    expect(screen.getByRole('button', { name: 'Poista merkintä' })).toBeTruthy();
    // A moderator clears flags but does not stamp (the table's "no" for staff).
    expect(screen.queryByRole('button', { name: /tarkastamaksi/ })).toBeNull();
  });

  it('a pressed "we tried this too" says so to screen readers', () => {
    renderAs(testUser('member'), testEntry({ validatedByMe: true }));
    expect(
      screen.getByRole('button', { name: /Kokeilimme tätä myös/ }).getAttribute('aria-pressed'),
    ).toBe('true');
  });

  it('follow is a toggle: pressed while following, for guest experts too', () => {
    renderAs(testUser('guest', true));
    expect(screen.getByRole('button', { name: 'Seuraa' }).getAttribute('aria-pressed')).toBe(
      'false',
    );
    document.body.innerHTML = '';
    renderAs(testUser('member'), testEntry({ followedByMe: true }));
    // The same name pressed or not (a screen reader says "pressed"); the text shows the state.
    const following = screen.getByRole('button', { name: 'Seuraa' });
    expect(following.getAttribute('aria-pressed')).toBe('true');
    expect(following.textContent).toBe('✓ Seuraa');
  });
});
