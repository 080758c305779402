import { LIBRARY_PAGE_SIZE, type LibraryListQuery } from '@yhteistyotila/protocol';
import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { queryKeys } from '../../../lib/query-keys.js';
import { request } from '../../../lib/socket.js';
import { toProtocolFilters, type FindState } from '../find-url.js';

/** The query `library:list` gets for a list state (a page's offset added per page). */
export function toListQuery(state: FindState, limit = LIBRARY_PAGE_SIZE): LibraryListQuery {
  const filters = toProtocolFilters(state.filters);
  return {
    ...(state.q ? { q: state.q } : {}),
    ...(Object.keys(filters).length ? { filters } : {}),
    ...(state.sort ? { sort: state.sort } : {}),
    limit,
  };
}

/**
 * Pages of published entries with the facet counts of the whole match (the first page's). The
 * previous answer stays on screen while a new filter's arrives, so the list does not jump.
 */
export function useLibraryFind(
  state: FindState,
  { limit, enabled = true } = {} as {
    limit?: number;
    enabled?: boolean;
  },
) {
  const query = toListQuery(state, limit);
  return useInfiniteQuery({
    queryKey: queryKeys.library.list(query),
    enabled,
    initialPageParam: 0,
    queryFn: ({ pageParam }) =>
      request('library:list', { ...query, ...(pageParam ? { offset: pageParam } : {}) }),
    getNextPageParam: (last) => last.nextOffset ?? undefined,
    placeholderData: keepPreviousData,
    // Entries are edited, reviewed and tried all the time: a list opened again asks again.
    staleTime: 0,
  });
}
