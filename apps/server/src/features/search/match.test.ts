import { describe, expect, it } from 'vitest';
import { createAnalyzer } from './analyzer.js';
import { loadHunspell, type Hunspell } from './hunspell.js';
import { MAX_CORRECTED_WORDS, pickLookupWord, termsFilter, wordMatchers } from './match.js';
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

describe('the cost of forgiving a query', () => {
  /** A dictionary that counts the words it is asked to check. */
  const counting = (h: Hunspell | null) => {
    const counter = { calls: 0, dictionary: null as Hunspell | null };
    if (h)
      counter.dictionary = {
        ...h,
        spell: (word) => {
          counter.calls++;
          return h.spell(word);
        },
      };
    return counter;
  };

  it('searches the dictionaries for a few misspelt words of a query, not for every one', () => {
    const sv = counting(loadHunspell('sv'));
    const en = counting(loadHunspell('en'));
    const analyzer = createAnalyzer(loadVoikko(), { sv: sv.dictionary, en: en.dictionary });
    const calls = () => sv.calls + en.calls;
    // Each made-up word of 19 letters has some 2,000 one-edit neighbours to check.
    const madeUp = Array.from({ length: 10 }, (_, i) => `qxzvkjwaeiouyaeiou${'bcdfghjklm'[i]!}`);
    const one = calls();
    wordMatchers(analyzer, madeUp.slice(0, 1));
    const perWord = calls() - one;
    expect(perWord).toBeGreaterThan(1000);
    const before = calls();
    wordMatchers(analyzer, madeUp.slice(1));
    expect(calls() - before).toBeLessThanOrEqual(MAX_CORRECTED_WORDS * perWord * 1.1);
    // The first misspelt words are still corrected, whatever comes after them.
    const [, typo] = wordMatchers(analyzer, ['päiväkoti', 'kokuos', ...madeUp.slice(0, 3)]);
    expect(typo!.correction).toBe('kokous');
  });

  it('leaves the neighbours of a long made-up word unchecked: Voikko alone suggests', () => {
    const sv = counting(loadHunspell('sv'));
    const analyzer = createAnalyzer(loadVoikko(), { sv: sv.dictionary, en: null });
    const spelled = sv.calls;
    wordMatchers(analyzer, ['qxzvkjwaeiouyaeiouyaeiouyaeiob']);
    // Checking the word itself, not its 1,900 neighbours (0.6 s of the event loop).
    expect(sv.calls - spelled).toBeLessThan(10);
  });
});
