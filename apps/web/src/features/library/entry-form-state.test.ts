import { describe, expect, it } from 'vitest';
import { contentFromForm, emptyForm, sameContent } from './entry-form-state.js';

describe('the editor form as saved content', () => {
  it('derives the county from a municipal entry’s municipality', () => {
    // Lappeenranta (405) is in South Karelia.
    const c = contentFromForm({ ...emptyForm('fi'), title: 'x', municipalityCode: '405' });
    expect(c.municipalityCode).toBe('405');
    expect(c.countyCode).not.toBeNull();
  });

  it('keeps only the county of a regional entry and no place for a national one', () => {
    const regional = contentFromForm({
      ...emptyForm('fi'),
      level: 'regional',
      municipalityCode: '405',
      countyCode: 'HKI',
    });
    expect(regional.municipalityCode).toBeNull();
    expect(regional.countyCode).toBe('HKI');
    const national = contentFromForm({ ...emptyForm('fi'), level: 'national', countyCode: 'HKI' });
    expect(national.countyCode).toBeNull();
  });

  it('leaves out empty source rows and names a link-only source by its address', () => {
    const c = contentFromForm({
      ...emptyForm('fi'),
      sources: [
        { title: '', url: '' },
        { title: '  ', url: ' https://example.org/a ' },
        { title: 'Kuntaliiton foorumi', url: '' },
      ],
    });
    expect(c.sources).toEqual([
      { title: 'https://example.org/a', url: 'https://example.org/a' },
      { title: 'Kuntaliiton foorumi', url: null },
    ]);
  });

  it('sees a change only where the saved content would differ', () => {
    const a = { ...emptyForm('fi'), sources: [{ title: '', url: '' }] };
    expect(sameContent(a, emptyForm('fi'))).toBe(true);
    expect(sameContent({ ...a, body: 'uusi' }, emptyForm('fi'))).toBe(false);
  });
});
