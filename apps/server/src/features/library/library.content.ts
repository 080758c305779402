import type { LibraryContent, LibraryStep } from '@yhteistyotila/protocol';
import { analyzeWholeForIndex } from '../search/index.js';
import type { LibraryEntryDoc } from './library-entry.model.js';
import type { LibraryRevisionDoc } from './library-revision.model.js';

type Stored = { body: string } & Pick<
  LibraryEntryDoc | LibraryRevisionDoc,
  | 'title'
  | 'summary'
  | 'language'
  | 'themes'
  | 'steps'
  | 'cooperationModel'
  | 'qualityAreas'
  | 'level'
  | 'municipalityCode'
  | 'countyCode'
  | 'sources'
>;

/** The content of a stored entry or revision, in the protocol's shape. */
export function contentOf(doc: Stored): LibraryContent {
  return {
    title: doc.title,
    summary: doc.summary,
    body: doc.body,
    language: doc.language as LibraryContent['language'],
    themes: [...doc.themes] as LibraryContent['themes'],
    steps: [...doc.steps] as LibraryStep[],
    cooperationModel: (doc.cooperationModel ?? null) as LibraryContent['cooperationModel'],
    qualityAreas: [...doc.qualityAreas] as LibraryContent['qualityAreas'],
    level: doc.level as LibraryContent['level'],
    municipalityCode: doc.municipalityCode ?? null,
    countyCode: doc.countyCode ?? null,
    sources: doc.sources.map((s) => ({ title: s.title ?? '', url: s.url ?? null })),
  };
}

/** The content as stored (optional fields made explicit). */
export const storedContent = (c: LibraryContent) => ({
  ...c,
  sources: c.sources.map((s) => ({ title: s.title, url: s.url ?? null })),
});

/** Search terms of everything a reader may search an entry by: the whole body included. */
export const termsOf = (c: LibraryContent): Promise<string[]> =>
  analyzeWholeForIndex([c.title, c.summary, c.body, ...c.sources.map((s) => s.title)].join('\n'));
