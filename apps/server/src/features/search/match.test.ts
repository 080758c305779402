import { describe, expect, it } from 'vitest';
import { createAnalyzer } from './analyzer.js';
import { pickLookupWord, termsFilter, wordMatchers } from './match.js';
import { loadVoikko } from './voikko.js';

describe('wordMatchers', () => {
  const analyzer = createAnalyzer(loadVoikko());

  it('matches whole words by their forms and partial words also as prefixes', () => {
    const [whole, partial, short] = wordMatchers(analyzer, ['Päiväkodin', 'vanhempainyhd', 'ko']);
    expect(whole).toMatchObject({
      surface: 'päiväkodin',
      base: ['päiväkoti', 'päiväkota'],
      prefix: null,
      correction: null,
    });
    // Typed with diacritics, it also finds texts typed without them.
    expect(whole!.forms).toEqual(
      expect.arrayContaining(['päiväkodin', 'päiväkoti', 'paivakodin', 'paivakoti']),
    );
    expect(partial!.prefix).toBe('vanhempainyhd');
    expect(short!.prefix).toBeNull();
  });

  it('looks up the longest whole word by equality and keeps the rest as conditions', () => {
    const matchers = wordMatchers(analyzer, ['kunta', 'vanhempainyhd', 'päiväkodissa']);
    const lookup = pickLookupWord(matchers);
    expect(lookup!.forms).toContain('päiväkoti');
    expect(pickLookupWord(wordMatchers(analyzer, ['vanhempainyhd']))).toBeNull();
  });

  it('builds only portable operators: $in and an anchored, escaped $regex', () => {
    const filter = termsFilter(wordMatchers(analyzer, ['a.b*c', 'lasten']));
    expect(filter).toEqual([
      { $or: [{ terms: { $in: expect.any(Array) } }, { terms: { $regex: '^a\\.b\\*c' } }] },
      { terms: { $in: ['lasten', 'lapsi'] } },
    ]);
  });
});
