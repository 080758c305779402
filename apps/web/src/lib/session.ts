import { httpRoutes, type SessionUser } from '@yhteistyotila/protocol';
import { useQuery } from '@tanstack/react-query';
import { callRoute } from './api.js';
import { queryKeys } from './query-keys.js';

/** The signed-in person (null when signed out); undefined while loading. */
export function useSession(): { user: SessionUser | null | undefined; isLoading: boolean } {
  const query = useQuery({
    queryKey: queryKeys.session,
    queryFn: async () => (await callRoute(httpRoutes.session))?.user ?? null,
    staleTime: 60_000,
  });
  return { user: query.data, isLoading: query.isLoading };
}
