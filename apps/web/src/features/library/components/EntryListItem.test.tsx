import type { LibraryEntrySummary } from '@yhteistyotila/protocol';
import { render, screen } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { describe, expect, it } from 'vitest';
import { EntryListItem } from './EntryListItem.js';
import { testEntry } from './test-entry.js';

const summary = (over: Partial<LibraryEntrySummary> = {}): LibraryEntrySummary => {
  const {
    body: _b,
    sources: _s,
    contributors: _c,
    credits: _cr,
    discussion: _d,
    origin: _o,
    editor: _e,
    validatedByMe: _v,
    followedByMe: _f,
    ...rest
  } = testEntry();
  return { ...rest, snippet: null, highlights: [], ...over };
};

const renderItem = (entry: LibraryEntrySummary) =>
  render(
    <MemoryRouter>
      <ol>
        <EntryListItem entry={entry} />
      </ol>
    </MemoryRouter>,
  ).container;

describe('EntryListItem', () => {
  it('is a heading linking to the entry, with its summary, date and themes', () => {
    const item = renderItem(summary());
    const link = screen.getByRole('link', { name: 'Vuosikello kunnan kanssa' });
    expect(link.getAttribute('href')).toBe(`/kirjasto/${'e'.repeat(24)}`);
    expect(screen.getByRole('heading', { level: 3 }).textContent).toBe('Vuosikello kunnan kanssa');
    expect(item.textContent).toContain('Tapaamiset sovitaan vuodeksi kerrallaan.');
    expect(item.textContent).toContain('Päivitetty 2.1.2027');
    expect(item.textContent).toContain('Yhteistyö kunnan kanssa');
    expect(item.querySelectorAll('.badge')).toHaveLength(0);
  });

  it('marks the title and summary with the entry’s language, for screen readers', () => {
    const item = renderItem(summary({ language: 'sv' }));
    expect(screen.getByRole('heading', { level: 3 }).getAttribute('lang')).toBe('sv');
    expect(item.querySelector('.library-item-text')?.getAttribute('lang')).toBe('sv');
  });

  it('shows the text around a search match with the matching words marked, as text', () => {
    const item = renderItem(
      summary({
        snippet: '…kokous <b>päiväkodilla</b> syksyllä',
        highlights: [{ start: 11, end: 23 }],
      }),
    );
    expect([...item.querySelectorAll('mark')].map((m) => m.textContent)).toEqual(['päiväkodilla']);
    expect(item.querySelector('b')).toBeNull();
    expect(item.textContent).not.toContain('Tapaamiset sovitaan');
  });

  it('says what helps choose: review, changes since it, needs updating, tried, language', () => {
    const reviewer = {
      id: 'c'.repeat(24),
      name: 'Eeva Asiantuntija',
      role: 'member' as const,
      expert: true,
    };
    const review = {
      revision: 2,
      reviewer,
      reviewedAt: '2027-01-01T10:00:00.000Z',
      dueAt: '2028-01-01T10:00:00.000Z',
      changedSince: false,
    };
    const badges = (entry: LibraryEntrySummary) =>
      [...renderItem(entry).querySelectorAll('.badge')].map((b) => b.textContent);
    expect(badges(summary({ review, validationCount: 1 }))).toEqual([
      'Asiantuntijan tarkastama',
      '1 kokeillut',
    ]);
    expect(
      badges(
        summary({
          review: { ...review, changedSince: true },
          needsUpdating: { reason: 'Vanha', by: null, at: '2027-02-01T10:00:00.000Z' },
          validationCount: 1200,
          language: 'sv',
        }),
      ),
    ).toEqual([
      'Muutettu tarkastuksen jälkeen',
      'Kaipaa päivitystä',
      '1\u00a0200 kokeillutta',
      'Kieli: ruotsi',
    ]);
  });
});
