import { muteActive, type Mute, type MyModeration } from '@yhteistyotila/protocol';
import { useQuery, type QueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { queryKeys } from '../../lib/query-keys.js';
import { useSession } from '../../lib/session.js';
import { request } from '../../lib/socket.js';
import { formatDateTime } from '../../lib/dates.js';

/** My notes, warnings and mutes in force; facts keep the cache current (ModerationRuntime). */
export function useMyModeration() {
  const { user } = useSession();
  return useQuery({
    queryKey: queryKeys.moderation.mine,
    queryFn: () => request('moderation:mine', {}),
    enabled: Boolean(user && !user.mustReconsent),
  });
}

/** Nothing loaded yet (the first answer is on its way): ask again rather than drop the fact. */
const refetch = (qc: QueryClient) =>
  void qc.invalidateQueries({ queryKey: queryKeys.moderation.mine });

/** Applies a fact to the cached answer: a notice is added, a mute replaced (or dropped once lifted). */
export function applyNotice(qc: QueryClient, notice: MyModeration['notices'][number]): void {
  if (!qc.getQueryData(queryKeys.moderation.mine)) return refetch(qc);
  qc.setQueryData<MyModeration>(queryKeys.moderation.mine, (old) =>
    old && !old.notices.some((n) => n.id === notice.id)
      ? { ...old, notices: [notice, ...old.notices] }
      : old,
  );
}

export function applyMute(qc: QueryClient, mute: Mute): void {
  if (!qc.getQueryData(queryKeys.moderation.mine)) return refetch(qc);
  qc.setQueryData<MyModeration>(queryKeys.moderation.mine, (old) =>
    old
      ? {
          ...old,
          mutes: [...old.mutes.filter((m) => m.id !== mute.id), mute].filter((m) => muteActive(m)),
        }
      : old,
  );
}

/**
 * My mute in force in this conversation, if any. Re-renders at its end, so the composer's
 * notice goes away on time without a fact (expiry is the clock's, on the server too).
 */
export function useActiveMute(conversationId: string): Mute | null {
  const { data } = useMyModeration();
  const [now, setNow] = useState(() => Date.now());
  const mute =
    data?.mutes.find((m) => m.conversationId === conversationId && muteActive(m, now)) ?? null;
  const until = mute ? Date.parse(mute.until) : null;
  useEffect(() => {
    if (until === null) return;
    // setTimeout holds at most ~24.8 days; a 7-day mute fits.
    const timer = setTimeout(() => setNow(Date.now()), Math.max(0, until - Date.now()) + 50);
    return () => clearTimeout(timer);
  }, [until]);
  return mute;
}

/** "30.11.2026 klo 20.15" in the reader's language. */
export const formatUntil = (iso: string, language: string): string => formatDateTime(iso, language);
