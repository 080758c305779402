import { describe, expect, it } from 'vitest';
import { MAX_QUERY_WORDS, parseSearchQuery } from './query-parser.js';

describe('parseSearchQuery', () => {
  it('separates free words from in: and from: filters', () => {
    expect(parseSearchQuery('päiväkodin in:yleinen from:@matti kokous')).toEqual({
      words: ['päiväkodin', 'kokous'],
      channels: ['yleinen'],
      people: ['matti'],
    });
  });

  it('takes quoted filter values, "#" and "@" prefixes, and any case of the keyword', () => {
    expect(
      parseSearchQuery('IN:"Kysy asiantuntijalta" From:"Maija Meikäläinen" in:#koulu'),
    ).toEqual({
      words: [],
      channels: ['Kysy asiantuntijalta', 'koulu'],
      people: ['Maija Meikäläinen'],
    });
  });

  it('splits punctuation off words and drops duplicates, keeping the case typed', () => {
    expect(parseSearchQuery('"Helsingin, päiväkoti!" helsingin kunta-alue')).toEqual({
      words: ['Helsingin', 'päiväkoti', 'kunta-alue'],
      channels: [],
      people: [],
    });
  });

  it('ignores empty filters and does not read words that merely end in "in:"', () => {
    expect(parseSearchQuery('in: from:@ login:x')).toEqual({
      words: ['login', 'x'],
      channels: [],
      people: [],
    });
  });

  it('bounds the number of words', () => {
    const q = Array.from({ length: 30 }, (_, i) => `sana${i}`).join(' ');
    expect(parseSearchQuery(q).words).toHaveLength(MAX_QUERY_WORDS);
  });
});
