import type { LibraryEntry, LibraryRevisionSummary } from '@yhteistyotila/protocol';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../../../app/Dialog.js';
import { useErrorMessage } from '../../../lib/errors.js';
import { request } from '../../../lib/socket.js';
import { useStoreEntry } from '../hooks/useLiveEntry.js';

/** Asks before bringing an old revision back (as a new revision on top of the current one). */
export function RestoreDialog({
  entry,
  revision,
  onClose,
  onRestored,
}: {
  entry: LibraryEntry;
  revision: LibraryRevisionSummary;
  onClose: () => void;
  onRestored: (newRevision: number) => void;
}) {
  const { t } = useTranslation('library');
  const errorMessage = useErrorMessage();
  const storeEntry = useStoreEntry();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const restore = async () => {
    setBusy(true);
    setError(null);
    try {
      const { entry: next } = await request('library:restore', {
        id: entry.id,
        number: revision.number,
        baseRevision: entry.revision,
      });
      storeEntry(next);
      onRestored(next.revision);
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };
  return (
    <Dialog title={t('edit.restore.title', { n: revision.number })} onClose={onClose}>
      <p>{t('edit.restore.lead', { n: revision.number, current: entry.revision })}</p>
      {error !== null && (
        <p className="form-error" role="alert">
          {/* Someone saved meanwhile: the list shows their revision now; choose again. */}
          {errorMessage(error)}
        </p>
      )}
      <div className="actions">
        <button
          type="button"
          className="button primary"
          disabled={busy}
          onClick={() => void restore()}
        >
          {t('edit.restore.confirm', { n: revision.number })}
        </button>
        <button type="button" className="button" onClick={onClose} autoFocus>
          {t('common:cancel')}
        </button>
      </div>
    </Dialog>
  );
}
