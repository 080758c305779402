import { outbox } from '../outbox/outbox.js';
import { entriesToShow, type OutboxEntry } from '../outbox/outbox-logic.js';
import { hasClientId } from '../store/messages-store.js';
import { useStore } from '../../../lib/store.js';

/** Unacknowledged messages of one timeline (main or a thread), to show after the delivered ones. */
export function useOutboxEntries(
  conversationId: string,
  threadRootId: string | null,
): OutboxEntry[] {
  const all = useStore(outbox, outbox.getEntries);
  return entriesToShow(all, conversationId, threadRootId, (clientId) =>
    hasClientId(conversationId, clientId),
  );
}
