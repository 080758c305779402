import { describe, expect, it } from 'vitest';
import { countyName } from './facet-labels.js';

describe("a regional entry's county", () => {
  it('is named in the reader’s language, English too', () => {
    expect(countyName('KS', 'fi')).toBe('Keski-Suomen hyvinvointialue');
    expect(countyName('KS', 'sv')).toBe('Mellersta Finlands välfärdsområde');
    expect(countyName('KS', 'en')).toBe('Wellbeing services county of Central Finland');
  });
});
