import { SESSION_PATH, type SessionUser } from '@yhteistyotila/protocol';
import { useQuery } from '@tanstack/react-query';
import { send } from './api-fetch.js';
import { loadAllStrings } from './i18n.js';
import { queryKeys } from './query-keys.js';

let early: Promise<Response> | null = null;

/**
 * Asks who is signed in as the app starts (main.tsx), beside the strings and the page's code:
 * the first session query takes this answer instead of asking only once the page has rendered
 * (on a phone that was the last of four round trips before a signed-in page could show).
 */
export function askSessionEarly(): void {
  early = send(SESSION_PATH);
  early.catch(() => undefined); // the query that takes it hears of a failure
}

/** Set for a page served with its content: nobody was signed in when it was made. */
let nobodyAtStart = false;

/**
 * A page served with its content is sent only for a request without a session cookie (server
 * http/first-pages.ts): the app starts on it as a visitor's, at once, so React's first render is
 * the page as served (decision 85) without waiting for an answer that may be slow, or never come
 * offline, while the visitor types (decision 92). The early answer still comes: someone who
 * signed in elsewhere since is shown signed in right after.
 */
export function nobodySignedInWhenServed(): void {
  nobodyAtStart = true;
}

/**
 * Who is signed in. Nobody is a 204, which needs no schema: a visitor's landing page asks without
 * downloading zod and the protocol's schemas (a fifth of its bytes). Any other answer is parsed
 * by the route's schema as before, loaded then (session-answer.ts), with every feature's strings.
 */
async function fetchSessionUser(): Promise<SessionUser | null> {
  const asked = early;
  early = null;
  const res = await (asked ?? send(SESSION_PATH));
  if (res.status === 204) return null;
  // A signed-in header and its screens read every feature's strings: they arrive with the parsing.
  const [{ readSession }] = await Promise.all([
    import('./session-answer.js'),
    loadAllStrings().catch(() => undefined),
  ]);
  return readSession(res);
}

/** The signed-in person (null when signed out); undefined while loading. */
export function useSession(): { user: SessionUser | null | undefined; isLoading: boolean } {
  const query = useQuery({
    queryKey: queryKeys.session,
    queryFn: fetchSessionUser,
    initialData: () => (nobodyAtStart ? null : undefined),
    // Stale at once: the answer on its way replaces what the served page assumed.
    initialDataUpdatedAt: 0,
    staleTime: 60_000,
  });
  return { user: query.data, isLoading: query.isLoading };
}
