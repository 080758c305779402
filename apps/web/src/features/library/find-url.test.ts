import { describe, expect, it } from 'vitest';
import {
  EMPTY_FIND_STATE,
  findPath,
  findSearchParams,
  readFindState,
  toProtocolFilters,
} from './find-url.js';

describe('the library list’s address', () => {
  it('keeps words, filters and order, and reads back the same state (a permalink)', () => {
    const state = {
      q: 'päiväkodin vuosikello',
      filters: {
        ...EMPTY_FIND_STATE.filters,
        themes: ['school', 'early-childhood-education'],
        steps: ['1', '3'],
        counties: ['HKI'],
      },
      sort: 'most-validated' as const,
    };
    const address = findPath(state);
    expect(address).toBe(
      '/kirjasto?q=p%C3%A4iv%C3%A4kodin+vuosikello&teema=school&teema=early-childhood-education&vaihe=1&vaihe=3&alue=HKI&jarjestys=most-validated',
    );
    const back = readFindState(new URL(address, 'http://x').searchParams);
    expect(back).toEqual(state);
    expect(findSearchParams(back).toString()).toBe(address.split('?')[1]);
  });

  it('drops what an old or mistyped link holds instead of sending it to the server', () => {
    const state = readFindState(
      new URLSearchParams('teema=school&teema=bogus&teema=school&vaihe=7&kieli=de&jarjestys=x'),
    );
    expect(state.filters.themes).toEqual(['school']);
    expect(state.filters.steps).toEqual([]);
    expect(state.filters.languages).toEqual([]);
    expect(state.sort).toBeNull();
    expect(findPath(EMPTY_FIND_STATE)).toBe('/kirjasto');
  });

  it('sends only the chosen facets, steps as numbers', () => {
    expect(
      toProtocolFilters({ ...EMPTY_FIND_STATE.filters, steps: ['2'], languages: ['sv'] }),
    ).toEqual({ steps: [2], languages: ['sv'] });
    expect(toProtocolFilters(EMPTY_FIND_STATE.filters)).toEqual({});
  });
});
