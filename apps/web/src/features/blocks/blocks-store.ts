import { isFoldedFor, type BlockedPerson, type Message } from '@yhteistyotila/protocol';
import { hashKey, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useCallback, useSyncExternalStore } from 'react';
import { queryKeys } from '../../lib/query-keys.js';
import { useSession } from '../../lib/session.js';
import { request } from '../../lib/socket.js';

/**
 * Whom I blocked: one cached list (`block:list`), replaced whole by every `block:changed` fact
 * (BlocksRuntime), so every tab folds and unfolds together.
 */
export function useBlockedList() {
  const { user } = useSession();
  return useQuery({
    queryKey: queryKeys.blocks,
    queryFn: async () => (await request('block:list', {})).blocked,
    enabled: Boolean(user),
    staleTime: Infinity,
  });
}

/**
 * Whether I blocked this person; re-renders only when the answer changes. Every message row asks,
 * so this reads the cached list (which BlocksRuntime loads and keeps current) instead of being
 * a query of its own: a query observer per row set and cleared timers on every mount and
 * unmount, a quarter of a conversation's first render on a phone.
 */
export function useIsBlocked(userId: string | undefined): boolean {
  const qc = useQueryClient();
  const subscribe = useCallback(
    (onChange: () => void) =>
      qc.getQueryCache().subscribe((event) => {
        if (event.query.queryHash === BLOCKS_HASH) onChange();
      }),
    [qc],
  );
  return useSyncExternalStore(subscribe, () =>
    Boolean(userId && cachedBlockedList(qc).some((p) => p.id === userId)),
  );
}

const BLOCKS_HASH = hashKey(queryKeys.blocks);

/** The list as last loaded or pushed (empty before the first answer). */
const cachedBlockedList = (qc: QueryClient): BlockedPerson[] =>
  qc.getQueryData<BlockedPerson[]>(queryKeys.blocks) ?? [];

export const setBlockedList = (qc: QueryClient, blocked: BlockedPerson[]) =>
  qc.setQueryData(queryKeys.blocks, blocked);

/**
 * For code outside React (facts): is this message folded for me? Its mentions and DMs then
 * notify nothing and it is not counted as unread, like on the server.
 */
export function isFoldedNow(qc: QueryClient, message: Pick<Message, 'author'>): boolean {
  return isFoldedFor(message, new Set(cachedBlockedList(qc).map((p) => p.id)));
}
