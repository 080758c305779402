import { isFoldedFor, type BlockedPerson, type Message } from '@yhteistyotila/protocol';
import { useQuery, type QueryClient } from '@tanstack/react-query';
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

/** Whether I blocked this person; re-renders only when the answer changes. */
export function useIsBlocked(userId: string | undefined): boolean {
  const { data } = useBlockedList();
  return Boolean(userId && data?.some((p) => p.id === userId));
}

export const setBlockedList = (qc: QueryClient, blocked: BlockedPerson[]) =>
  qc.setQueryData(queryKeys.blocks, blocked);

/**
 * For code outside React (facts): is this message folded for me? Its mentions and DMs then
 * notify nothing and it is not counted as unread, like on the server.
 */
export function isFoldedNow(qc: QueryClient, message: Pick<Message, 'author'>): boolean {
  const list = qc.getQueryData<BlockedPerson[]>(queryKeys.blocks) ?? [];
  return isFoldedFor(message, new Set(list.map((p) => p.id)));
}
