import { useErrorMessage } from '../../../lib/errors.js';

/** The translated error of the last attempt, announced at once; empty keeps the live region. */
export function ActionError({ error }: { error: unknown }) {
  const message = useErrorMessage();
  return (
    <div role="alert" className={error ? 'notice error' : undefined}>
      {error ? message(error) : null}
    </div>
  );
}
