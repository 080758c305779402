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

/** Set when the early answer said nobody is signed in, before the first session query. */
let nobodyAtStart = false;

/**
 * Waits for the early answer (never fails): when it says nobody is signed in, the first session
 * query starts with that answer. A prerendered landing page (decision 85) is then rendered once,
 * as it was served, not replaced by "loading" and back.
 */
export async function awaitEarlySession(): Promise<void> {
  const asked = early;
  const res = await asked?.catch(() => null);
  if (res?.status === 204 && early === asked) {
    early = null;
    nobodyAtStart = true;
  }
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
    staleTime: 60_000,
  });
  return { user: query.data, isLoading: query.isLoading };
}
