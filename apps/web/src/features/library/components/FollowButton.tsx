import { can, type LibraryEntry } from '@yhteistyotila/protocol';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorMessage } from '../../../lib/errors.js';
import { useSession } from '../../../lib/session.js';
import { request } from '../../../lib/socket.js';
import { useStoreEntry } from '../hooks/useLiveEntry.js';

/**
 * Follow / Following: a notification when someone saves or publishes the entry. Its author and
 * editors follow by themselves; pressed again, one stops (and stays stopped after one's own edits).
 */
export function FollowButton({ entry }: { entry: LibraryEntry }) {
  const { t } = useTranslation('library');
  const errorMessage = useErrorMessage();
  const { user } = useSession();
  const storeEntry = useStoreEntry();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  if (!user || !can('library.follow', user)) return null;
  const toggle = () => {
    setBusy(true);
    setError(null);
    request('library:follow', { entryId: entry.id, follow: !entry.followedByMe })
      .then((r) => storeEntry(r.entry), setError)
      .finally(() => setBusy(false));
  };
  return (
    <>
      <button
        type="button"
        className="button small"
        aria-pressed={entry.followedByMe}
        disabled={busy}
        onClick={toggle}
      >
        {/* One name whatever the state: a toggle's state is aria-pressed (and the mark), not a new label. */}
        {entry.followedByMe && <span aria-hidden="true">✓ </span>}
        {t('edit.follow.button')}
      </button>
      {error !== null && (
        <span className="form-error" role="alert">
          {errorMessage(error)}
        </span>
      )}
    </>
  );
}
