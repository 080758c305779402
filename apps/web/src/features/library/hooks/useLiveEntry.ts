import type { LibraryEntry, LibraryPresence } from '@yhteistyotila/protocol';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { queryKeys } from '../../../lib/query-keys.js';
import { getSocket, request } from '../../../lib/socket.js';

/**
 * One entry, kept current while it is on screen: `library:watch` puts this tab in the entry's
 * room (and tells the others whether this person is reading or editing it); the room's facts
 * replace the cached entry and the list of who has it open. Watching again after every
 * (re)connect, since a new socket is in no room and facts missed meanwhile are not replayed.
 */
export function useLiveEntry(entryId: string | undefined, editing: boolean) {
  const queryClient = useQueryClient();
  const entry = useQuery({
    queryKey: queryKeys.library.entry(entryId ?? ''),
    queryFn: async () => (await request('library:get', { id: entryId! })).entry,
    enabled: Boolean(entryId),
  });
  const [presence, setPresence] = useState<LibraryPresence['people']>([]);
  const [deleted, setDeleted] = useState(false);

  useEffect(() => {
    if (!entryId) return;
    const socket = getSocket();
    const key = queryKeys.library.entry(entryId);
    const watch = () =>
      request('library:watch', { id: entryId, editing }).then(
        (p) => setPresence(p.people),
        () => undefined, // Not connected: the next connect watches again.
      );
    const onUpdated = (next: LibraryEntry) => {
      if (next.id !== entryId) return;
      // The broadcast cannot know each reader's own "we tried this too" and follow: keep ours.
      queryClient.setQueryData<LibraryEntry>(key, (held) => ({
        ...next,
        validatedByMe: held?.validatedByMe ?? false,
        followedByMe: held?.followedByMe ?? false,
      }));
      void queryClient.invalidateQueries({ queryKey: queryKeys.library.revisions(entryId) });
    };
    const onPresence = (p: LibraryPresence) => {
      if (p.entryId === entryId) setPresence(p.people);
    };
    const onDeleted = ({ id }: { id: string }) => {
      if (id === entryId) setDeleted(true);
    };
    const onConnect = () => {
      void watch();
      void queryClient.invalidateQueries({ queryKey: key });
    };
    socket.on('library:entryUpdated', onUpdated);
    socket.on('library:presence', onPresence);
    socket.on('library:entryDeleted', onDeleted);
    socket.on('connect', onConnect);
    if (socket.connected) void watch();
    return () => {
      socket.off('library:entryUpdated', onUpdated);
      socket.off('library:presence', onPresence);
      socket.off('library:entryDeleted', onDeleted);
      socket.off('connect', onConnect);
      if (socket.connected) void request('library:unwatch', { id: entryId }).catch(() => undefined);
    };
  }, [entryId, editing, queryClient]);

  return { ...entry, presence, deleted };
}

/** After a command answered with the entry: the cache holds the answer at once. */
export function useStoreEntry() {
  const queryClient = useQueryClient();
  return (entry: LibraryEntry) => {
    queryClient.setQueryData(queryKeys.library.entry(entry.id), entry);
    void queryClient.invalidateQueries({ queryKey: queryKeys.library.revisions(entry.id) });
  };
}
