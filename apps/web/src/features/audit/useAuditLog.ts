import type { AuditFilter } from '@yhteistyotila/protocol';
import { useInfiniteQuery } from '@tanstack/react-query';
import { queryKeys } from '../../lib/query-keys.js';
import { request } from '../../lib/socket.js';

const PAGE = 50;

/** Pages of the log, newest first; the next page starts after the last entry. */
export function useAuditLog(filter: AuditFilter) {
  return useInfiniteQuery({
    queryKey: queryKeys.audit(filter),
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      request('audit:list', {
        ...filter,
        limit: PAGE,
        ...(pageParam ? { before: pageParam } : {}),
      }),
    getNextPageParam: (last) => last.next ?? undefined,
    staleTime: 0,
  });
}
