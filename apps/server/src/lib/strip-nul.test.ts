import { describe, expect, it } from 'vitest';
import { stripNul } from './strip-nul.js';

describe('stripNul', () => {
  it('removes NUL from strings at any depth, keys included, and leaves the rest alone', () => {
    const input = { 'a\u0000b': ['x\u0000y', 1, null, { t: '\u0000' }], n: 2 };
    expect(stripNul(input)).toEqual({ ab: ['xy', 1, null, { t: '' }], n: 2 });
  });

  it('keeps an own "__proto__" key an ordinary key, never a prototype', () => {
    const poisoned = JSON.parse('{"__proto__": {"isAdmin": true}}') as unknown;
    const out = stripNul(poisoned) as Record<string, unknown>;
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
    expect(Object.keys(out)).toEqual(['__proto__']);
  });
});
