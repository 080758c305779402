import { describe, expect, it } from 'vitest';
import { MAX_QUERY_WORDS, parseSearchQuery } from './query-parser.js';

describe('parseSearchQuery', () => {
  it('separates free words from in: and from: filters', () => {
    expect(parseSearchQuery('päiväkodin in:yleinen from:@matti kokous')).toEqual({
      words: ['päiväkodin', 'kokous'],
      channels: ['yleinen'],
      people: ['matti'],
      after: null,
      before: null,
    });
  });

  it('takes quoted filter values, "#" and "@" prefixes, and any case of the keyword', () => {
    expect(
      parseSearchQuery('IN:"Kysy asiantuntijalta" From:"Maija Meikäläinen" in:#koulu'),
    ).toEqual({
      words: [],
      channels: ['Kysy asiantuntijalta', 'koulu'],
      people: ['Maija Meikäläinen'],
      after: null,
      before: null,
    });
  });

  it('splits punctuation off words and drops duplicates, keeping the case typed', () => {
    expect(parseSearchQuery('"Helsingin, päiväkoti!" helsingin kunta-alue')).toEqual({
      words: ['Helsingin', 'päiväkoti', 'kunta-alue'],
      channels: [],
      people: [],
      after: null,
      before: null,
    });
  });

  it('ignores empty filters and does not read words that merely end in "in:"', () => {
    expect(parseSearchQuery('in: from:@ login:x')).toEqual({
      words: ['login', 'x'],
      channels: [],
      people: [],
      after: null,
      before: null,
    });
  });

  it('reads after: and before: as whole Finnish days, in ISO or Finnish writing', () => {
    // November: Helsinki is UTC+2; both days are included.
    expect(parseSearchQuery('kokous after:2026-11-01 before:30.11.2026')).toEqual({
      words: ['kokous'],
      channels: [],
      people: [],
      after: new Date('2026-10-31T22:00:00Z'),
      before: new Date('2026-11-30T22:00:00Z'),
    });
    // Summer time: UTC+3.
    expect(parseSearchQuery('AFTER:15.6.2026').after).toEqual(new Date('2026-06-14T21:00:00Z'));
  });

  it('ignores days that are not dates, and does not search for them as words', () => {
    expect(parseSearchQuery('after:31.2.2026 before:eilen juhla')).toEqual({
      words: ['juhla'],
      channels: [],
      people: [],
      after: null,
      before: null,
    });
  });

  it('bounds the number of words', () => {
    const q = Array.from({ length: 30 }, (_, i) => `sana${i}`).join(' ');
    expect(parseSearchQuery(q).words).toHaveLength(MAX_QUERY_WORDS);
  });
});
