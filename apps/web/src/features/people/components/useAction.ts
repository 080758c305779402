import type { UserSummary } from '@yhteistyotila/protocol';
import { useState } from 'react';

/** Runs one action on a person: busy while it runs, the error kept for the form to show. */
export function useAction(onDone: (next: UserSummary) => void) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const run = async (fn: () => Promise<{ user: UserSummary }>): Promise<boolean> => {
    setBusy(true);
    setError(null);
    try {
      onDone((await fn()).user);
      return true;
    } catch (err) {
      setError(err);
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, run };
}
