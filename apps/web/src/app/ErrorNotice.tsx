import { useErrorMessage } from '../lib/errors.js';

/**
 * A refusal or a failed load, said at once to a screen reader (role="alert") in the reader's
 * language; nothing while there is none. `text` words the error where a feature has its own
 * words for some codes (the default: the shared error messages).
 */
export function ErrorNotice({
  error,
  text,
}: {
  error: unknown;
  text?: ((error: unknown) => string) | undefined;
}) {
  const errorMessage = useErrorMessage();
  if (!error) return null;
  return (
    <p className="notice error" role="alert">
      {(text ?? errorMessage)(error)}
    </p>
  );
}
