import { describe, expect, it } from 'vitest';
import { compoundParts, createAnalyzer, MAX_TERMS_PER_TEXT, type Analyzer } from './analyzer.js';
import { loadVoikko } from './voikko.js';

/** The search service's rule: every query word has a form among the text's terms. */
async function finds(analyzer: Analyzer, text: string, query: string): Promise<boolean> {
  const terms = new Set(await analyzer.indexTerms(text));
  return query
    .split(/\s+/)
    .every((word) => analyzer.queryForms(word).some((form) => terms.has(form)));
}

const voikko = loadVoikko();

describe('Voikko (libvoikko1 + voikko-fi must be installed: .ci/run and the Docker image do it)', () => {
  it('loads', () => {
    expect(voikko, 'libvoikko.so.1 or the Finnish dictionary is missing').not.toBeNull();
    expect(voikko!.analyze('lasten').map((r) => r.baseform)).toContain('lapsi');
  });
});

describe('Finnish with Voikko', () => {
  const analyzer = createAnalyzer(voikko);

  it.each([
    ['Vanhempainyhdistys kokoontuu tiistaina', 'vanhempainyhdistyksen'],
    ['Vanhempainyhdistys kokoontuu tiistaina', 'vanhempainyhdistykselle'],
    ['Lähetin viestin vanhempainyhdistykselle', 'vanhempainyhdistys'],
    ['Kysyin vanhempainyhdistyksen puheenjohtajalta', 'vanhempainyhdistykselle'],
    ['Päiväkoti on kiinni', 'päiväkodin'],
    ['Päiväkodin pihalla', 'päiväkoti'],
    ['Päiväkodeissa on tilaa', 'päiväkodissa'],
    ['Lapsi sairastui', 'lasten'],
    ['Lasten kanssa ulkoilu', 'lapsi'],
    ['Nainen soitti', 'naisen'],
    ['Naisen puhelin', 'nainen'],
    ['Naiset tulivat', 'nainen'],
    ['Varhaiskasvatuksessa puhuttiin', 'varhaiskasvatus'],
    ['Kunnan palvelut', 'kunta'],
    ['Helsingin kaupunki', 'Helsinki'],
    ['HELSINGISSÄ tänään', 'helsingin'],
    ['Kunta-alueella on kouluja', 'kunta-alue'],
  ])('%j is found by %j', async (text, query) => {
    expect(await finds(analyzer, text, query)).toBe(true);
  });

  it('finds compound words by their parts', async () => {
    expect(await finds(analyzer, 'Päiväkodissa oli juhla', 'koti')).toBe(true);
    expect(await finds(analyzer, 'Vanhempainyhdistyksen kokous', 'yhdistys')).toBe(true);
    expect(await finds(analyzer, 'Varhaiskasvatuksessa', 'kasvatuksen')).toBe(true);
  });

  it('needs every query word', async () => {
    expect(await finds(analyzer, 'Päiväkodin piha', 'päiväkoti piha')).toBe(true);
    expect(await finds(analyzer, 'Päiväkodin piha', 'päiväkoti koulu')).toBe(false);
  });

  it('does not match unrelated words', async () => {
    expect(await finds(analyzer, 'Koulu alkaa', 'päiväkoti')).toBe(false);
    // A recognised Finnish query word is not also read as English: "lasten" is not "last".
    expect(await finds(analyzer, 'The last meeting', 'lasten')).toBe(false);
    // Compound parts are for the text only: "päiväkoti" does not find every "koti".
    expect(await finds(analyzer, 'Koti on lähellä', 'päiväkodin')).toBe(false);
  });

  it('keeps lower-cased surface words for exact words and prefixes', async () => {
    const terms = await analyzer.indexTerms('Vanhempainyhdistyksen Kokous');
    expect(terms).toEqual(
      expect.arrayContaining(['vanhempainyhdistyksen', 'kokous', 'vanhempainyhdistys']),
    );
  });

  it('stems Swedish and English', async () => {
    expect(await finds(analyzer, 'Föräldrarna träffas i skolan', 'föräldrar')).toBe(true);
    expect(await finds(analyzer, 'Barnen leker', 'barn')).toBe(true);
    expect(await finds(analyzer, 'The parents meetings were long', 'meeting parent')).toBe(true);
    expect(await finds(analyzer, 'We are meeting the school', 'meetings')).toBe(true);
  });

  it('bounds the number of terms of a long text', async () => {
    const text = Array.from({ length: 3000 }, (_, i) => `sana${i}`).join(' ');
    const terms = await analyzer.indexTerms(text);
    expect(terms.length).toBeLessThanOrEqual(MAX_TERMS_PER_TEXT);
    expect(terms.length).toBeGreaterThan(MAX_TERMS_PER_TEXT / 2);
  });

  it('is fast enough to run on every message', async () => {
    const text =
      'Vanhempainyhdistyksen kokouksessa keskusteltiin päiväkotien ja koulujen yhteistyöstä, ' +
      'lasten harrastuksista sekä kunnan varhaiskasvatuksen palveluista.';
    const started = performance.now();
    for (let i = 0; i < 200; i++) await analyzer.indexTerms(`${text} ${i}`);
    const perMessageMs = (performance.now() - started) / 200;
    expect(perMessageMs).toBeLessThan(5);
  });
});

describe('Snowball fallback (no libvoikko)', () => {
  const analyzer = createAnalyzer(null);

  it('says which analyser it is', () => {
    expect(analyzer.kind).toBe('snowball');
    expect(createAnalyzer(voikko).kind).toBe('voikko');
  });

  it('still finds regular Finnish inflection, Swedish and English', async () => {
    expect(await finds(analyzer, 'Vanhempainyhdistyksen kokous', 'vanhempainyhdistykselle')).toBe(
      true,
    );
    expect(await finds(analyzer, 'Barnen leker', 'barn')).toBe(true);
    expect(await finds(analyzer, 'The parents met', 'parent')).toBe(true);
  });

  it('misses consonant gradation and -nen/-s stems: why Voikko is the default', async () => {
    expect(await finds(analyzer, 'Päiväkoti on kiinni', 'päiväkodin')).toBe(false);
    expect(await finds(analyzer, 'Lapsi sairastui', 'lasten')).toBe(false);
  });
});

describe('compoundParts', () => {
  it.each([
    ['+vanhempain(vanhempi)+yhdist(yhdistää)+ys(+ys)', ['vanhempi', 'yhdistys']],
    ['+päivä(päivä)+koti(koti)', ['päivä', 'koti']],
    ['+varhais+kasvat(kasvattaa)+us(+us)', ['varhais', 'kasvatus']],
    ['+kunta(kunta)+-+alue(alue)', ['kunta', 'alue']],
    ['+lapsi(lapsi)', []],
    ['+yhdist(yhdistää)+ys(+ys)', []],
    ['', []],
  ])('%s -> %j', (wordbases, parts) => {
    expect(compoundParts(wordbases)).toEqual(parts);
  });
});
