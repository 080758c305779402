import { describe, expect, it } from 'vitest';
import { countyOptions } from './people-labels.js';

describe('wellbeing services counties in the reader’s language', () => {
  it('names them in Finnish, Swedish and English, never Finnish to an English reader', () => {
    const name = (lang: string) => countyOptions(lang).find((c) => c.id === 'KS')!.name;
    expect(name('fi')).toBe('Keski-Suomen hyvinvointialue');
    expect(name('sv')).toBe('Mellersta Finlands välfärdsområde');
    expect(name('en')).toBe('Wellbeing services county of Central Finland');
    expect(countyOptions('en').map((c) => c.name)).not.toContainEqual(
      expect.stringMatching(/hyvinvointialue/),
    );
  });
});
