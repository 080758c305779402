import { LANGUAGES } from '@yhteistyotila/protocol';
import { describe, expect, it } from 'vitest';
import { loadBundle, type Resources } from '../lib/i18n.js';
import en from '../lib/locales/en.js';
import enMore from '../lib/locales/en-more.js';
import fi from '../lib/locales/fi.js';
import fiMore from '../lib/locales/fi-more.js';
import sv from '../lib/locales/sv.js';
import svMore from '../lib/locales/sv-more.js';

/** Flattens nested strings to dotted keys: { a: { b: 'x' } } -> ['a.b']. */
function keys(obj: Record<string, unknown>, prefix = ''): string[] {
  return Object.entries(obj).flatMap(([k, v]) =>
    v && typeof v === 'object'
      ? keys(v as Record<string, unknown>, `${prefix}${k}.`)
      : [`${prefix}${k}`],
  );
}

const resources = Object.fromEntries(
  await Promise.all(LANGUAGES.map(async (l) => [l, await loadBundle(l)] as const)),
) as Resources;

describe('translations', () => {
  it('has every Finnish key in Swedish and English too', () => {
    const missing: string[] = [];
    for (const [ns, strings] of Object.entries(resources.fi)) {
      for (const lang of LANGUAGES.filter((l) => l !== 'fi')) {
        const other = new Set(keys(resources[lang][ns] ?? {}));
        for (const key of keys(strings)) if (!other.has(key)) missing.push(`${lang}:${ns}:${key}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('has no empty strings', () => {
    const empty = LANGUAGES.flatMap((lang) =>
      Object.entries(resources[lang]).flatMap(([ns, strings]) =>
        keys(strings)
          .filter(
            (k) =>
              k.split('.').reduce<unknown>((o, p) => (o as Record<string, unknown>)[p], strings) ===
              '',
          )
          .map((k) => `${lang}:${ns}:${k}`),
      ),
    );
    expect(empty).toEqual([]);
  });

  it('translates every protocol error code', async () => {
    const { ERROR_CODES } = await import('@yhteistyotila/protocol');
    for (const lang of LANGUAGES) {
      const errors = resources[lang].common?.errors as Record<string, string>;
      expect(ERROR_CODES.filter((c) => !errors[c])).toEqual([]);
    }
  });

  it('splits each language the same way, every namespace in one of its two chunks', () => {
    // The landing page's chunk and the rest (lib/i18n.ts) name their namespaces in glob patterns
    // of their own, one pair per language: a namespace left out of both would never load.
    const namespaces = Object.keys(
      import.meta.glob('../features/*/locales/fi.json', { eager: true }),
    ).map((f) => /features\/([^/]+)\//.exec(f)?.[1]);
    const all = [...namespaces, 'common'].sort();
    for (const [first, more] of [
      [fi, fiMore],
      [sv, svMore],
      [en, enMore],
    ] as const) {
      expect(Object.keys(first).sort()).toEqual(['access', 'common', 'home', 'shell']);
      expect([...Object.keys(first), ...Object.keys(more)].sort()).toEqual(all);
    }
  });
});
