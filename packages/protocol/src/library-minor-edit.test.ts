import { describe, expect, it } from 'vitest';
import {
  MINOR_EDIT_MAX_WORDS,
  changedMetadata,
  isMinorEdit,
  minorEditVerdict,
  type MinorEditContent,
} from './library-minor-edit.js';

const BODY = [
  '## Miksi vuosikello?',
  '',
  'Vuosikello kokoaa vanhempainyhdistyksen tapaamiset kunnan kanssa yhteen kuvaan.',
  'Sovitaan neljä tapaamista vuodessa ja kutsutaan virkamiehet mukaan alusta asti.',
  '',
  'Katso myös [Kuntaliiton foorumi](https://www.kuntaliitto.fi/foorumi).',
  '',
  'Toimintaan osallistui 12 yhdistystä ja 340 vanhempaa.',
].join('\n');

const base: MinorEditContent = {
  title: 'Vuosikello yhteistyön runkona',
  summary: 'Näin kokoat vuoden tapaamiset yhteen kuvaan.',
  body: BODY,
  language: 'fi',
  themes: ['municipal-cooperation', 'communication'],
  steps: [2, 3],
  cooperationModel: 'network',
  qualityAreas: ['goals-and-planning'],
  level: 'municipal',
  municipalityCode: '405',
  countyCode: 'EK',
  sources: [{ title: 'Kuntaliiton foorumi', url: 'https://www.kuntaliitto.fi/foorumi' }],
};

const edit = (changes: Partial<MinorEditContent>): MinorEditContent => ({ ...base, ...changes });
const inBody = (from: string, to: string) => {
  expect(BODY).toContain(from);
  return edit({ body: BODY.replace(from, to) });
};

describe('the minor-edit rule: what keeps a review stamp', () => {
  it('calls no change at all minor', () => {
    expect(minorEditVerdict(base, base)).toEqual({ minor: true, changedWords: 0, breaches: [] });
  });

  it('calls a fixed typo in the body minor (one changed word)', () => {
    const typo = minorEditVerdict(
      inBody('kokoaa vanhempainyhdistyksen', 'kokoa vanhempainyhdistyksen'),
      base,
    );
    expect(typo).toEqual({ minor: true, changedWords: 1, breaches: [] });
  });

  it('counts a word replaced by another once, in Finnish inflected words too', () => {
    const v = minorEditVerdict(base, inBody('virkamiehet', 'viranhaltijat'));
    expect(v).toEqual({ minor: true, changedWords: 1, breaches: [] });
  });

  it('allows three changed words across title, summary and body together', () => {
    const three = edit({
      title: 'Vuosikello yhteistyön rankona',
      summary: 'Näin kokoat vuoden tapaamiset yhteiseen kuvaan.',
      body: BODY.replace('alusta asti', 'alusta saakka'),
    });
    expect(minorEditVerdict(base, three)).toEqual({ minor: true, changedWords: 3, breaches: [] });
  });

  it('refuses four changed words, even spread over the fields', () => {
    const four = edit({
      title: 'Vuosikello yhteistyön rankona',
      summary: 'Näin kokoat vuoden tapaamiset yhteiseen kuvaan.',
      body: BODY.replace('alusta asti', 'alusta saakka').replace(
        'kuvaan.\nSovitaan',
        'kuvaan.\nSovimme',
      ),
    });
    const v = minorEditVerdict(base, four);
    expect(v.minor).toBe(false);
    expect(v.breaches).toEqual(['words']);
    expect(v.changedWords).toBe(MINOR_EDIT_MAX_WORDS + 1);
  });

  it('counts added and removed words: a new sentence is not a typo', () => {
    const added = inBody('alusta asti.', 'alusta asti. Kahvi kannattaa tarjota aina.');
    expect(minorEditVerdict(base, added).breaches).toEqual(['words']);
    expect(minorEditVerdict(added, base).breaches).toEqual(['words']);
    expect(isMinorEdit(base, inBody('alusta asti', 'alusta'))).toBe(true);
  });

  it('counts a change of punctuation only as one word', () => {
    const comma = inBody('kokoaa vanhempainyhdistyksen', 'kokoaa, vanhempainyhdistyksen');
    expect(minorEditVerdict(base, comma)).toEqual({ minor: true, changedWords: 1, breaches: [] });
  });

  it('ignores changes of whitespace alone', () => {
    const spaced = inBody('kunnan kanssa', 'kunnan  kanssa');
    expect(minorEditVerdict(base, spaced)).toEqual({ minor: true, changedWords: 0, breaches: [] });
  });

  it('counts a change of case as a changed word', () => {
    expect(minorEditVerdict(base, edit({ title: 'vuosikello yhteistyön runkona' }))).toEqual({
      minor: true,
      changedWords: 1,
      breaches: [],
    });
    const shouted = edit({ summary: base.summary.toUpperCase() });
    expect(minorEditVerdict(base, shouted).breaches).toEqual(['words']);
  });

  it('refuses any changed number, however small the change', () => {
    for (const to of ['13 yhdistystä', '12,5 yhdistystä', 'kaksitoista yhdistystä']) {
      const v = minorEditVerdict(base, inBody('12 yhdistystä', to));
      expect(v.breaches, to).toContain('number');
      expect(v.minor).toBe(false);
    }
    expect(minorEditVerdict(base, inBody('340 vanhempaa', '3400 vanhempaa')).breaches).toEqual([
      'number',
    ]);
  });

  it('refuses a number added or removed anywhere, the title included', () => {
    expect(minorEditVerdict(base, edit({ title: 'Vuosikello 2025' })).breaches).toContain('number');
    expect(minorEditVerdict(base, inBody('neljä tapaamista', '4 tapaamista')).breaches).toEqual([
      'number',
    ]);
  });

  it('keeps a number written with a thousands space as one number', () => {
    const before = edit({ body: 'Kyselyyn vastasi 1 200 vanhempaa.' });
    const after = edit({ body: 'Kyselyyn vastasi 1 200 vanhempaa!' });
    expect(minorEditVerdict(before, after)).toEqual({
      minor: true,
      changedWords: 1,
      breaches: [],
    });
    const changed = edit({ body: 'Kyselyyn vastasi 1 300 vanhempaa.' });
    expect(minorEditVerdict(before, changed).breaches).toEqual(['number']);
  });

  it('refuses a changed link target even when no word changed', () => {
    const v = minorEditVerdict(
      base,
      inBody('(https://www.kuntaliitto.fi/foorumi)', '(https://www.kuntaliitto.fi/forum)'),
    );
    expect(v.minor).toBe(false);
    expect(v.breaches).toContain('link');
  });

  it('refuses a link added or removed, as Markdown, autolink or bare address', () => {
    const forms = [
      ' Lisää: https://mll.fi.',
      ' Lisää: <https://mll.fi>.',
      ' [Lisää](https://mll.fi).',
      ' Lisää: www.mll.fi.',
    ];
    for (const form of forms) {
      const v = minorEditVerdict(base, inBody('alusta asti.', `alusta asti.${form}`));
      expect(v.breaches, form).toContain('link');
    }
  });

  it('refuses a link in a reference definition that changed', () => {
    const before = edit({ body: 'Katso [foorumi][1].\n\n[1]: https://a.example/x' });
    const after = edit({ body: 'Katso [foorumi][1].\n\n[1]: https://a.example/y' });
    expect(minorEditVerdict(before, after).breaches).toContain('link');
  });

  it('lets the words of a link change like any words when the target stays', () => {
    const v = minorEditVerdict(base, inBody('[Kuntaliiton foorumi]', '[Kuntaliiton foorumia]'));
    expect(v).toEqual({ minor: true, changedWords: 1, breaches: [] });
  });

  it('refuses a heading changed, even by one letter', () => {
    const v = minorEditVerdict(base, inBody('## Miksi vuosikello?', '## Miksi vuosikelloa?'));
    expect(v.breaches).toEqual(['heading']);
  });

  it('refuses a heading added, removed or moved to another level', () => {
    expect(minorEditVerdict(base, inBody('## Miksi', '### Miksi')).breaches).toEqual(['heading']);
    expect(
      minorEditVerdict(base, inBody('## Miksi vuosikello?', 'Miksi vuosikello?')).breaches,
    ).toEqual(['heading']);
    const underlined = edit({ body: 'Johdanto\n\nTeksti.' });
    const setext = edit({ body: 'Johdanto\n--------\n\nTeksti.' });
    expect(minorEditVerdict(underlined, setext).breaches).toEqual(['heading']);
  });

  it('does not take a hash in running text or in a code block for a heading', () => {
    const before = edit({ body: 'Tunniste #vuosikello.\n\n```\n# komento\n```' });
    const after = edit({ body: 'Tunniste #vuosikelloa.\n\n```\n# komento\n```' });
    expect(minorEditVerdict(before, after)).toEqual({ minor: true, changedWords: 1, breaches: [] });
  });

  it('refuses every change of metadata, naming the fields', () => {
    const cases: [Partial<MinorEditContent>, string][] = [
      [{ language: 'sv' }, 'language'],
      [{ themes: ['municipal-cooperation'] }, 'themes'],
      [{ steps: [2, 3, 4] }, 'steps'],
      [{ cooperationModel: null }, 'cooperationModel'],
      [{ qualityAreas: ['impact'] }, 'qualityAreas'],
      [{ level: 'regional' }, 'level'],
      [{ municipalityCode: '091' }, 'municipalityCode'],
      [{ countyCode: null }, 'countyCode'],
      [{ sources: [{ title: 'Kuntaliiton foorumi', url: null }] }, 'sources'],
      [{ sources: [{ title: 'Kuntaliiton foorumit', url: base.sources[0]?.url }] }, 'sources'],
      [{ sources: [] }, 'sources'],
    ];
    for (const [changes, field] of cases) {
      expect(changedMetadata(base, edit(changes)), field).toEqual([field]);
      expect(minorEditVerdict(base, edit(changes)).breaches, field).toEqual(['metadata']);
    }
  });

  it('compares themes, steps and quality areas as sets: reordering is no change', () => {
    const reordered = edit({ themes: ['communication', 'municipal-cooperation'], steps: [3, 2] });
    expect(changedMetadata(base, reordered)).toEqual([]);
    expect(isMinorEdit(base, reordered)).toBe(true);
  });

  it('treats a missing source url like null', () => {
    const a = edit({ sources: [{ title: 'Lähde' }] });
    const b = edit({ sources: [{ title: 'Lähde', url: null }] });
    expect(isMinorEdit(a, b)).toBe(true);
  });

  it('names every breach at once', () => {
    const v = minorEditVerdict(
      base,
      edit({
        title: 'Täysin uusi otsikko 2026 tähän',
        body: '# Uusi\n\nhttps://example.org',
        level: 'national',
      }),
    );
    expect(v.minor).toBe(false);
    expect(v.breaches).toEqual(['metadata', 'number', 'link', 'heading', 'words']);
  });

  it('answers quickly for two long, wholly different bodies (the diff gives up early)', () => {
    const words = (seed: number) =>
      Array.from({ length: 20_000 }, (_, i) => `sana${(i * seed) % 9973}x`).join(' ');
    const start = Date.now();
    const v = minorEditVerdict(edit({ body: words(7) }), edit({ body: words(13) }));
    expect(v.minor).toBe(false);
    expect(v.breaches).toContain('words');
    expect(Date.now() - start).toBeLessThan(2000);
  });

  it('finds a one-word typo in a long body', () => {
    const long = Array.from({ length: 3000 }, (_, i) => `Kappale numero kohta sana${i % 7}.`).join(
      ' ',
    );
    const typo = long.replace('Kappale', 'Kapale');
    expect(minorEditVerdict(edit({ body: long }), edit({ body: typo }))).toEqual({
      minor: true,
      changedWords: 1,
      breaches: [],
    });
  });
});
