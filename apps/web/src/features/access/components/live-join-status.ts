import type { JoinRequestStatus } from '@yhteistyotila/protocol';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { queryKeys } from '../../../lib/query-keys.js';
import { accessApi } from '../access-api.js';

/**
 * How often an open status page asks again while the request is undecided: soon after it
 * opens (or comes back into view), then ever more rarely. The applicant has no account, so
 * there is no socket room to tell them; see docs/decisions.md, "The applicant's status page".
 */
export const STATUS_POLL = { firstMs: 2_000, factor: 1.5, maxMs: 60_000 } as const;
export const statusPollDelay = (polls: number): number =>
  Math.min(STATUS_POLL.maxMs, STATUS_POLL.firstMs * STATUS_POLL.factor ** polls);

const undecided = (s: JoinRequestStatus | undefined) =>
  s?.status === 'unverified' || s?.status === 'pending';

/** The applicant's own request, kept current while the page is visible and the request open. */
export function useLiveJoinStatus(token: string, initial?: JoinRequestStatus) {
  const queryClient = useQueryClient();
  const queryKey = queryKeys.joinStatus(token);
  // Polls counted from here: a person returning to the tab starts again from the short wait.
  const since = useRef(0);
  useEffect(() => {
    const onVisible = () => {
      if (document.visibilityState === 'visible')
        since.current =
          queryClient.getQueryState(queryKeys.joinStatus(token))?.dataUpdateCount ?? 0;
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => document.removeEventListener('visibilitychange', onVisible);
  }, [queryClient, token]);
  return useQuery({
    queryKey,
    queryFn: () => accessApi.status(token),
    enabled: token !== '',
    retry: false,
    initialData: initial,
    staleTime: STATUS_POLL.firstMs,
    // Hidden tabs do not poll (refetchIntervalInBackground is off); coming back asks at once.
    refetchOnWindowFocus: true,
    refetchInterval: (q) =>
      undecided(q.state.data) ? statusPollDelay(q.state.dataUpdateCount - since.current) : false,
  });
}
