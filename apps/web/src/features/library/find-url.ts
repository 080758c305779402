import {
  COOPERATION_MODELS,
  LANGUAGES,
  LIBRARY_FACETS,
  LIBRARY_SORTS,
  LIBRARY_STEPS,
  LIBRARY_THEMES,
  QUALITY_AREAS,
  REGIONAL_UNITS,
  type LibraryFacet,
  type LibraryFilters,
  type LibrarySort,
} from '@yhteistyotila/protocol';
import { libraryPaths } from './library-paths.js';

/**
 * The library list's whole state lives in its address, so a search with its filters and order
 * is a permalink: `/kirjasto?q=päiväkoti&teema=school&vaihe=1&jarjestys=updated`. A facet's
 * values repeat its parameter. Unknown values (an old link, a typo) are dropped, never sent.
 */
export interface FindState {
  q: string;
  filters: Required<{ [F in LibraryFacet]: string[] }>;
  sort: LibrarySort | null;
}

/** Each facet's parameter name in the address (Finnish, like the app's paths). */
export const FACET_PARAMS: Record<LibraryFacet, string> = {
  themes: 'teema',
  steps: 'vaihe',
  cooperationModels: 'malli',
  qualityAreas: 'laatu',
  counties: 'alue',
  languages: 'kieli',
};
const SORT_PARAM = 'jarjestys';

/** Every value a facet may have, in the order the filters list them. */
export const FACET_VALUES: Record<LibraryFacet, readonly string[]> = {
  themes: LIBRARY_THEMES,
  steps: LIBRARY_STEPS.map(String),
  cooperationModels: COOPERATION_MODELS,
  qualityAreas: QUALITY_AREAS,
  counties: REGIONAL_UNITS.map((u) => u.id),
  languages: LANGUAGES,
};

export function readFindState(params: URLSearchParams): FindState {
  const filters = Object.fromEntries(
    LIBRARY_FACETS.map((facet) => {
      const known = FACET_VALUES[facet];
      const chosen = params.getAll(FACET_PARAMS[facet]).filter((v) => known.includes(v));
      return [facet, [...new Set(chosen)]];
    }),
  ) as FindState['filters'];
  const sort = params.get(SORT_PARAM);
  return {
    q: (params.get('q') ?? '').trim(),
    filters,
    sort: (LIBRARY_SORTS as readonly string[]).includes(sort ?? '') ? (sort as LibrarySort) : null,
  };
}

export function findSearchParams(state: FindState): URLSearchParams {
  const params = new URLSearchParams();
  if (state.q) params.set('q', state.q);
  for (const facet of LIBRARY_FACETS)
    for (const value of state.filters[facet]) params.append(FACET_PARAMS[facet], value);
  if (state.sort) params.set(SORT_PARAM, state.sort);
  return params;
}

/** The list's address for a state (the search page links here with only `q`). */
export function findPath(state: Partial<FindState>): string {
  const params = findSearchParams({ ...EMPTY_FIND_STATE, ...state });
  const query = params.toString();
  return query ? `${libraryPaths.list}?${query}` : libraryPaths.list;
}

export const EMPTY_FIND_STATE: FindState = {
  q: '',
  filters: Object.fromEntries(
    LIBRARY_FACETS.map((f) => [f, []]),
  ) as unknown as FindState['filters'],
  sort: null,
};

/** The chosen filters as the protocol's, only facets with a choice. */
export function toProtocolFilters(filters: FindState['filters']): LibraryFilters {
  const out: Record<string, unknown[]> = {};
  for (const facet of LIBRARY_FACETS) {
    const values = filters[facet];
    if (values.length) out[facet] = facet === 'steps' ? values.map(Number) : values;
  }
  return out as LibraryFilters;
}

export const chosenCount = (filters: FindState['filters']): number =>
  LIBRARY_FACETS.reduce((n, f) => n + filters[f].length, 0);

/** The entry's print view: a plain URL that works on its own (opened, reloaded, bookmarked). */
export const printPath = (entryId: string) => `${libraryPaths.entry(entryId)}/tulosta`;

/** The entry's discussion thread, opened beside its channel. */
export const discussionPath = (link: { conversationId: string; messageId: string }) =>
  `/c/${link.conversationId}/m/${link.messageId}?ketju=${link.messageId}`;

/** Sign in, then back to this very address (a permalink opened while signed out). */
export const signInPath = (location: { pathname: string; search: string }) =>
  `/kirjaudu?next=${encodeURIComponent(location.pathname + location.search)}`;
