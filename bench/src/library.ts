import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  COOPERATION_MODELS,
  LIBRARY_THEMES,
  MUNICIPALITIES,
  QUALITY_AREAS,
  REGIONAL_UNITS,
  type LibraryContent,
  type LibraryListQuery,
} from '@yhteistyotila/protocol';
import { REPO, busyCores, machineCpu, sleep } from './env.js';
import { Histogram } from './histogram.js';
import { parseAck, type RawClient } from './raw-client.js';

/**
 * The library scenario: 1,000 published entries (the starting entries' texts with varied
 * metadata and an extra paragraph each), then facet browsing and search as a member, one
 * `library:list` at a time. Targets: facet browse p95 ≤ 150 ms, search p95 ≤ 200 ms.
 */
export const LIBRARY_TARGETS = { browseP95Ms: 150, searchP95Ms: 200 };

const dist = (p: string) => pathToFileURL(path.join(REPO, 'apps/server/dist', p)).href;

interface StartingEntry {
  seedKey: string;
  content: LibraryContent;
}

/** A small deterministic generator: the same entries in every run. */
function random(seed: number) {
  let s = seed >>> 0;
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(a: readonly T[]): T => a[Math.floor(next() * a.length)] as T;
  const some = <T>(a: readonly T[], max: number): T[] => {
    const n = Math.floor(next() * (max + 1));
    return [...new Set(Array.from({ length: n }, () => pick(a)))];
  };
  return { next, pick, some };
}

/** Filler for the extra paragraph: everyday words that none of the searches below asks for. */
const WORDS = (
  'syksy kevät ilta aamu kokous pöytäkirja esityslista puheenjohtaja sihteeri talkoot retki ' +
  'juhla leikkipuisto liikunta kirjasto musiikki ruokailu välitunti kerho harrastus piha ' +
  'bussi matka sää lumi kesä loma ystävä naapuri kahvi pulla ilmoitustaulu kalenteri'
).split(' ');

/** Entry `i`: a starting entry's text and sources, other metadata drawn at random. */
function syntheticEntry(base: StartingEntry[], i: number, runId: string): StartingEntry {
  const r = random(i + 1);
  const b = base[i % base.length] as StartingEntry;
  const level = r.pick(['municipal', 'regional', 'national'] as const);
  const municipality = level === 'municipal' ? r.pick(MUNICIPALITIES) : null;
  const countyCode =
    level === 'regional' ? r.pick(REGIONAL_UNITS).id : (municipality?.county ?? null);
  const paragraph = Array.from({ length: 30 + Math.floor(r.next() * 50) }, () =>
    r.pick(WORDS),
  ).join(' ');
  return {
    seedKey: `bench-${runId}-${i}`,
    content: {
      ...b.content,
      title: `${b.content.title} (esimerkki ${i + 1})`,
      body: `${b.content.body}\n\n${paragraph}.`,
      language: i % 10 === 9 ? 'sv' : i % 20 === 0 ? 'en' : 'fi',
      themes: r.some(LIBRARY_THEMES, 3),
      steps: r.some([1, 2, 3, 4] as const, 2),
      cooperationModel: r.pick([null, ...COOPERATION_MODELS]),
      qualityAreas: r.some(QUALITY_AREAS, 3),
      level,
      municipalityCode: municipality?.code ?? null,
      countyCode,
    },
  };
}

/**
 * Creates `n` published entries through the server's own starting-content loader (built
 * server, same models, claims and search-term chunks as the real thing), four at a time.
 */
export async function seedLibrary(n: number, runId: string): Promise<{ seconds: number }> {
  const t = Date.now();
  const [{ loadStartingContent }, { readStartingContent }] = (await Promise.all([
    import(dist('features/library/starting-content/load.js')),
    import(dist('features/library/starting-content/read.js')),
  ])) as [
    { loadStartingContent(entries: StartingEntry[]): Promise<string[]> },
    { readStartingContent(): StartingEntry[] },
  ];
  const base = readStartingContent();
  const entries = Array.from({ length: n }, (_, i) => syntheticEntry(base, i, runId));
  const lanes = 4;
  const created = await Promise.all(
    Array.from({ length: lanes }, (_, lane) =>
      loadStartingContent(entries.filter((_, i) => i % lanes === lane)),
    ),
  );
  const count = created.reduce((k, c) => k + c.length, 0);
  if (count !== n) throw new Error(`library seed: ${count} of ${n} entries created`);
  return { seconds: Math.round((Date.now() - t) / 100) / 10 };
}

/** What a person browsing does: facet choices, alone and together, and the three sorts. */
const BROWSE: LibraryListQuery[] = [
  {},
  { filters: { themes: ['municipal-cooperation'] } },
  { filters: { steps: [3] } },
  { filters: { cooperationModels: ['network'], qualityAreas: ['impact'] } },
  { filters: { counties: ['SA', 'EK'] } },
  { filters: { themes: ['early-childhood-education', 'family-centres'], languages: ['fi'] } },
  { sort: 'most-validated' },
  { sort: 'review-due', filters: { qualityAreas: ['good-governance'] } },
  { offset: 40 },
];

/** Inflected Finnish words, a prefix, two-word queries and a search inside a facet. */
const SEARCH: LibraryListQuery[] = [
  { q: 'vuosikellon' },
  { q: 'vanhempainyhdistykselle' },
  { q: 'neuvolan ja päiväkodin' },
  { q: 'perhekeskuksessa' },
  { q: 'laatutavoitteiden' },
  { q: 'lapsivaikutusten arviointi' },
  { q: 'kumppanuudesta' },
  { q: 'viranhaltijoiden kanssa' },
  { q: 'vuosike' },
  { q: 'kyselyn', filters: { themes: ['communication'] } },
];

/** Sequential `library:list` calls, paced under the per-socket event limit (20/s). */
async function timeQueries(
  client: RawClient,
  queries: LibraryListQuery[],
  samples: number,
  progress: (done: number, h: Histogram) => void,
) {
  const h = new Histogram();
  const failures: Record<string, number> = {};
  let totals = 0;
  for (let i = -queries.length; i < samples; i += 1) {
    const query = queries[(i + queries.length) % queries.length] as LibraryListQuery;
    const t0 = performance.now();
    const ack = parseAck(await client.emitWithAck('library:list', { limit: 20, ...query }));
    const ms = performance.now() - t0;
    if (!ack.ok) {
      const code = ack.error?.code ?? 'UNKNOWN';
      failures[code] = (failures[code] ?? 0) + 1;
    } else if (i >= 0) {
      // The first round of each query is a warm-up (JIT, the analyzer's dictionary).
      h.record(ms);
      totals += (ack.data as { total: number }).total;
      if ((i + 1) % 10 === 0) progress(i + 1, h);
    }
    await sleep(Math.max(0, 60 - ms));
  }
  return { ...h.summary(), failures, meanTotal: Math.round(totals / samples) };
}

export async function measureLibrary(
  client: RawClient,
  samples: number,
  log: (line: string) => void,
) {
  const cpu0 = machineCpu();
  // A run stopped half-way still shows its figures so far.
  const progress = (what: string) => (done: number, h: Histogram) => {
    const s = h.summary();
    log(`  ${what} ${done}/${samples}: p50 ${s.p50} ms, p95 ${s.p95} ms`);
  };
  const browse = await timeQueries(client, BROWSE, samples, progress('browse'));
  const search = await timeQueries(client, SEARCH, samples, progress('search'));
  return {
    browse,
    search,
    machineBusyCores: busyCores(cpu0, machineCpu()),
    loadAverage: Math.round((os.loadavg()[0] ?? 0) * 100) / 100,
  };
}
