import { describe, expect, it } from 'vitest';
import { browserLanguage } from './i18n.js';

describe("the browser's language", () => {
  it('starts Swedish for sv-FI and sv, English for any English, Finnish otherwise', () => {
    expect(browserLanguage(['sv-FI', 'fi'])).toBe('sv');
    expect(browserLanguage(['sv'])).toBe('sv');
    expect(browserLanguage(['en-GB', 'en'])).toBe('en');
    expect(browserLanguage(['en-US'])).toBe('en');
    expect(browserLanguage(['fi-FI', 'sv'])).toBe('fi');
    // The first language we have wins: a German browser that also reads Swedish.
    expect(browserLanguage(['de-DE', 'sv-SE'])).toBe('sv');
    expect(browserLanguage(['de-DE'])).toBe('fi');
    expect(browserLanguage([])).toBe('fi');
  });
});
