import { fireEvent, render, screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { EMPTY_FIND_STATE } from '../find-url.js';
import { FacetFilters } from './FacetFilters.js';

const counts = {
  themes: [
    { value: 'school' as const, count: 2 },
    { value: 'wellbeing' as const, count: 1 },
  ],
  steps: [{ value: 1 as const, count: 3 }],
  cooperationModels: [],
  qualityAreas: [{ value: 'impact' as const, count: 1 }],
  counties: [{ value: 'HKI', count: 1234 }],
  languages: [{ value: 'fi' as const, count: 3 }],
};

describe('FacetFilters', () => {
  it('offers each facet as a labelled group of values with their counts', () => {
    render(<FacetFilters chosen={EMPTY_FIND_STATE.filters} counts={counts} onToggle={() => {}} />);
    const themes = screen.getByRole('group', { name: 'Teema' });
    expect(
      within(themes)
        .getAllByRole('checkbox')
        .map((c) => (c as HTMLInputElement).labels?.[0]?.textContent),
    ).toEqual(['Koulu (2)', 'Hyvinvointi (1)']);
    expect(screen.getByRole('checkbox', { name: '1. Kokoa vanhempaintoimijat (3)' })).toBeTruthy();
    expect(screen.getByRole('checkbox', { name: 'Helsingin kaupunki (1\u00a0234)' })).toBeTruthy();
    expect(screen.getByRole('checkbox', { name: 'suomi (3)' })).toBeTruthy();
    // A facet with nothing to offer says so instead of an empty group.
    expect(
      within(screen.getByRole('group', { name: 'Yhteistyömalli' })).getByText(
        'Ei vaihtoehtoja näillä rajauksilla.',
      ),
    ).toBeTruthy();
  });

  it('keeps a chosen value with no matches visible, so it can be unchosen', () => {
    const onToggle = vi.fn();
    render(
      <FacetFilters
        chosen={{ ...EMPTY_FIND_STATE.filters, cooperationModels: ['partnership'] }}
        counts={counts}
        onToggle={onToggle}
      />,
    );
    const partnership = screen.getByRole('checkbox', { name: 'Kumppanuus (0)' });
    expect((partnership as HTMLInputElement).checked).toBe(true);
    fireEvent.click(partnership);
    expect(onToggle).toHaveBeenCalledWith('cooperationModels', 'partnership', false);
    fireEvent.click(screen.getByRole('checkbox', { name: 'Koulu (2)' }));
    expect(onToggle).toHaveBeenLastCalledWith('themes', 'school', true);
  });
});
