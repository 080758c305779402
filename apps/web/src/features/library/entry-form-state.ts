import {
  findMunicipality,
  type LibraryContent,
  type LibraryContentInput,
  type LibraryEntry,
} from '@yhteistyotila/protocol';
import type { SourceDraft } from './components/SourcesField.js';

/** What the editor holds while writing: the content, with sources as editable rows. */
export type EntryFormState = Omit<LibraryContent, 'sources'> & { sources: SourceDraft[] };

export const emptyForm = (language: LibraryContent['language']): EntryFormState => ({
  title: '',
  summary: '',
  body: '',
  language,
  themes: [],
  steps: [],
  cooperationModel: null,
  qualityAreas: [],
  level: 'municipal',
  municipalityCode: null,
  countyCode: null,
  sources: [],
});

export const formFromContent = (c: LibraryContent | LibraryEntry): EntryFormState => ({
  title: c.title,
  summary: c.summary,
  body: c.body,
  language: c.language,
  themes: [...c.themes],
  steps: [...c.steps],
  cooperationModel: c.cooperationModel,
  qualityAreas: [...c.qualityAreas],
  level: c.level,
  municipalityCode: c.municipalityCode,
  countyCode: c.countyCode,
  sources: c.sources.map((s) => ({ title: s.title, url: s.url ?? '' })),
});

/**
 * The content a save sends. The place follows the level: a municipal entry names its
 * municipality (and so its county), a regional one its county, a national one neither.
 * Empty source rows are left out.
 */
export function contentFromForm(f: EntryFormState): LibraryContentInput {
  const municipalityCode = f.level === 'municipal' ? f.municipalityCode : null;
  const countyCode =
    f.level === 'national'
      ? null
      : f.level === 'municipal'
        ? ((municipalityCode ? findMunicipality(municipalityCode)?.county : null) ?? null)
        : f.countyCode;
  return {
    title: f.title,
    summary: f.summary,
    body: f.body,
    language: f.language,
    themes: f.themes,
    steps: f.steps,
    cooperationModel: f.cooperationModel,
    qualityAreas: f.qualityAreas,
    level: f.level,
    municipalityCode,
    countyCode,
    sources: f.sources
      .filter((s) => s.title.trim() || s.url.trim())
      .map((s) => ({ title: s.title.trim() || s.url.trim(), url: s.url.trim() || null })),
  };
}

/** Has the writer changed anything since `saved`? (Compared as the server would store it.) */
export const sameContent = (a: EntryFormState, b: EntryFormState): boolean =>
  JSON.stringify(contentFromForm(a)) === JSON.stringify(contentFromForm(b));
