import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { findMunicipality } from '@yhteistyotila/protocol';
import { describe, expect, it } from 'vitest';
import { parseStartingEntry } from './parse.js';
import { readStartingContent } from './read.js';
import { SEED_SOURCES } from './sources.js';

/** The shipped files, each validated with the protocol's content schema by the reader. */
const entries = readStartingContent();

describe('the starting content as shipped', () => {
  it('has one entry per Markdown file, at least twelve, all in Finnish', () => {
    const files = readdirSync(import.meta.dirname).filter((f) => f.endsWith('.md'));
    expect(entries).toHaveLength(files.length);
    expect(entries.length).toBeGreaterThanOrEqual(12);
    for (const e of entries) expect(e.content.language).toBe('fi');
  });

  it('covers the four steps, the three cooperation models and the five quality goals', () => {
    const steps = new Set(entries.flatMap((e) => e.content.steps));
    expect([...steps].sort()).toEqual([1, 2, 3, 4]);
    for (const step of [1, 2, 3, 4] as const)
      expect(entries.some((e) => e.content.steps.length === 1 && e.content.steps[0] === step)).toBe(
        true,
      );
    const models = entries.map((e) => e.content.cooperationModel).filter(Boolean);
    expect(new Set(models)).toEqual(new Set(['light', 'network', 'partnership']));
    const checklist = entries.find((e) => e.seedKey === 'quality-self-assessment');
    expect(checklist?.content.qualityAreas).toHaveLength(5);
  });

  it('has the annual clock, the regional practices and the cooperation with MLL', () => {
    const byKey = new Map(entries.map((e) => [e.seedKey, e.content]));
    expect(byKey.get('annual-clock')?.title).toMatch(/vuosikello/i);
    expect(byKey.get('mll-cooperation')?.body).toMatch(/perhekahvila/);
    const lappeenranta = byKey.get('lappeenranta-ecec-and-clinic');
    expect(lappeenranta).toMatchObject({ level: 'municipal', countyCode: 'EK' });
    expect(findMunicipality(lappeenranta?.municipalityCode ?? '')?.name_fi).toBe('Lappeenranta');
    expect(byKey.get('satakunta-family-centre')).toMatchObject({
      level: 'regional',
      countyCode: 'SA',
      municipalityCode: null,
    });
  });

  it('cites a seed document in every entry, with a title', () => {
    const titles = new Set<string>(Object.values(SEED_SOURCES).map((s) => s.title));
    for (const e of entries) {
      expect(e.content.sources.length).toBeGreaterThan(0);
      for (const s of e.content.sources) expect(titles.has(s.title)).toBe(true);
    }
  });

  it('gives each entry a unique seed key, title and body', () => {
    for (const field of ['seedKey', 'title', 'body'] as const) {
      const values = entries.map((e) => (field === 'seedKey' ? e.seedKey : e.content[field]));
      expect(new Set(values).size).toBe(values.length);
    }
  });
});

describe('parseStartingEntry', () => {
  const file = (front: string, body = 'Teksti.') => `---\n${front}\n---\n\n${body}\n`;

  it('splits the front matter from the body and resolves the sources', () => {
    const parsed = parseStartingEntry(
      file('seedKey: k\ntitle: Otsikko\nsteps: [1, 2]\nsources: [seed-000]', '## Osa\n\nTeksti.'),
      'a.md',
    );
    expect(parsed).toEqual({
      seedKey: 'k',
      fields: { title: 'Otsikko', steps: [1, 2] },
      sources: [SEED_SOURCES['seed-000']],
      body: '## Osa\n\nTeksti.',
    });
  });

  it('reads Windows line ends too', () => {
    const parsed = parseStartingEntry(
      '---\r\nseedKey: k\r\nsources: [seed-001]\r\n---\r\nTeksti.\r\n',
      'a.md',
    );
    expect(parsed.seedKey).toBe('k');
    expect(parsed.body).toBe('Teksti.');
  });

  it.each([
    ['no front matter', 'Pelkkä teksti.', /no front matter/],
    ['a list as front matter', file('- a\n- b'), /not a mapping/],
    ['no seed key', file('title: x\nsources: [seed-000]'), /no seedKey/],
    ['no sources', file('seedKey: k'), /no sources/],
    ['an unknown source', file('seedKey: k\nsources: [seed-999]'), /unknown source seed-999/],
  ])('refuses %s, naming the file', (_what, text, message) => {
    expect(() => parseStartingEntry(text, 'vika.md')).toThrow(message);
    expect(() => parseStartingEntry(text, 'vika.md')).toThrow(/^vika\.md: /);
  });
});

describe('readStartingContent', () => {
  const good = [
    'seedKey: k',
    'title: Otsikko',
    'summary: Tiivistelmä',
    'language: fi',
    'themes: [school]',
    'steps: [1]',
    'cooperationModel: null',
    'qualityAreas: [impact]',
    'level: national',
    'sources: [seed-002]',
  ];
  const folder = (files: Record<string, string[]>) => {
    const dir = mkdtempSync(path.join(tmpdir(), 'starting-content-'));
    for (const [name, lines] of Object.entries(files))
      writeFileSync(path.join(dir, name), `---\n${lines.join('\n')}\n---\nTeksti.\n`);
    return dir;
  };

  it('fails on a front-matter value the protocol does not know, naming file and field', () => {
    const typo = good.map((l) => (l === 'themes: [school]' ? 'themes: [scool]' : l));
    expect(() => readStartingContent(folder({ 'a.md': typo }))).toThrow(/^a\.md: themes\.0/);
  });

  it('fails on a misspelt field name', () => {
    expect(() => readStartingContent(folder({ 'a.md': [...good, 'levle: national'] }))).toThrow(
      /^a\.md: /,
    );
  });

  it('fails when two files share a seed key', () => {
    expect(() => readStartingContent(folder({ 'a.md': good, 'b.md': good }))).toThrow(
      /b\.md: seedKey k is used twice/,
    );
  });

  it('reads a valid file with null codes when none are given', () => {
    const [entry] = readStartingContent(folder({ 'a.md': good, 'notes.txt': ['x'] }));
    expect(entry?.content).toMatchObject({ municipalityCode: null, countyCode: null, steps: [1] });
  });
});
