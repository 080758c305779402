import { SEARCH_PAGE_SIZE } from '@yhteistyotila/protocol';
import { useInfiniteQuery } from '@tanstack/react-query';
import { queryKeys } from '../../lib/query-keys.js';
import { request } from '../../lib/socket.js';

/** Pages of hits, closest matches first; the next page starts after the last hit. */
export function useSearch(q: string) {
  return useInfiniteQuery({
    queryKey: queryKeys.search(q),
    enabled: q.trim().length > 0,
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      request('search:query', {
        q,
        limit: SEARCH_PAGE_SIZE,
        ...(pageParam ? { before: pageParam } : {}),
      }),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    // New messages arrive all the time; a repeated search should ask again.
    staleTime: 0,
  });
}
