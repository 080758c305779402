import { can, type LibraryEntry } from '@yhteistyotila/protocol';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../../../app/Dialog.js';
import { useErrorMessage } from '../../../lib/errors.js';
import { useSession } from '../../../lib/session.js';
import { request } from '../../../lib/socket.js';
import { MunicipalityPicker } from '../../access/index.js';
import { useStoreEntry } from '../hooks/useLiveEntry.js';
import { DialogFormFooter } from '../../../app/DialogFormFooter.js';

/**
 * "We tried this too": a member says the practice worked in their municipality (their own by
 * default, or another they choose); pressed again, they take it back.
 */
export function TriedThisButton({ entry }: { entry: LibraryEntry }) {
  const { t } = useTranslation('library');
  const errorMessage = useErrorMessage();
  const { user } = useSession();
  const storeEntry = useStoreEntry();
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<unknown>(null);
  if (!user || !can('library.participate', user) || entry.status !== 'published') return null;
  const undo = () => {
    setError(null);
    request('library:unvalidate', { id: entry.id }).then(
      (r) => storeEntry({ ...r.entry, validatedByMe: false }),
      setError,
    );
  };
  return (
    <>
      <button
        type="button"
        className="button small"
        aria-pressed={entry.validatedByMe}
        onClick={() => (entry.validatedByMe ? undo() : setOpen(true))}
      >
        {entry.validatedByMe ? `✓ ${t('edit.tried.done')}` : t('edit.tried.button')}
      </button>
      {error !== null && (
        <span className="form-error" role="alert">
          {errorMessage(error)}
        </span>
      )}
      {open && <TriedDialog entry={entry} onClose={() => setOpen(false)} />}
    </>
  );
}

function TriedDialog({ entry, onClose }: { entry: LibraryEntry; onClose: () => void }) {
  const { t } = useTranslation('library');
  const storeEntry = useStoreEntry();
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const send = async () => {
    setBusy(true);
    setError(null);
    try {
      const { entry: next } = await request('library:validate', {
        id: entry.id,
        ...(code ? { municipalityCode: code } : {}),
      });
      storeEntry({ ...next, validatedByMe: true });
      onClose();
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };
  return (
    <Dialog title={t('edit.tried.title')} onClose={onClose}>
      <form
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          void send();
        }}
      >
        <p>{t('edit.tried.lead')}</p>
        <MunicipalityPicker label={t('edit.tried.municipality')} value={code} onChange={setCode} />
        <DialogFormFooter
          error={error}
          busy={busy}
          confirmLabel={t('edit.tried.confirm')}
          onCancel={onClose}
        />
      </form>
    </Dialog>
  );
}
