import { SEARCH_SNIPPET_LENGTH } from '@yhteistyotila/protocol';
import { describe, expect, it } from 'vitest';
import { buildSnippet, plainText } from './snippet.js';

const marked = (s: { snippet: string; highlights: { start: number; end: number }[] }) =>
  s.highlights.map((h) => s.snippet.slice(h.start, h.end));

describe('plainText', () => {
  it('drops Markdown marks and keeps the words', () => {
    expect(
      plainText(
        '> **Tärkeää:** katso [ohje](https://example.org) ja `koodi`, @**Maija Meikäläinen**\n- _yksi_',
      ),
    ).toBe('Tärkeää: katso ohje ja koodi, @Maija Meikäläinen yksi');
  });
});

describe('buildSnippet', () => {
  it('marks every matching word of a short text', () => {
    const s = buildSnippet('Päiväkodin piha ja päiväkoti', (w) =>
      w.toLowerCase().startsWith('päiväko'),
    );
    expect(s.snippet).toBe('Päiväkodin piha ja päiväkoti');
    expect(marked(s)).toEqual(['Päiväkodin', 'päiväkoti']);
  });

  it('centres a long text on the first match and cuts at word boundaries', () => {
    const filler = Array.from({ length: 80 }, (_, i) => `sana${i}`).join(' ');
    const s = buildSnippet(
      `${filler} vanhempainyhdistys ${filler}`,
      (w) => w === 'vanhempainyhdistys',
    );
    expect(s.snippet.startsWith('…sana')).toBe(true);
    expect(s.snippet.endsWith('…')).toBe(true);
    expect(s.snippet.length).toBeLessThanOrEqual(SEARCH_SNIPPET_LENGTH + 2);
    expect(marked(s)).toEqual(['vanhempainyhdistys']);
  });

  it('starts at the beginning when nothing matches (filters only)', () => {
    const s = buildSnippet('Hei kaikki', () => false);
    expect(s).toEqual({ snippet: 'Hei kaikki', highlights: [] });
  });
});
