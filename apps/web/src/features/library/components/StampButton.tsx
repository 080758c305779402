import { LIBRARY_REVIEW_MONTHS, can, type LibraryEntry } from '@yhteistyotila/protocol';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../../../app/Dialog.js';
import { DialogFormFooter } from '../../../app/DialogFormFooter.js';
import { useSession } from '../../../lib/session.js';
import { request } from '../../../lib/socket.js';
import { useStoreEntry } from '../hooks/useLiveEntry.js';

/** A date `months` ahead, as the date input's value (YYYY-MM-DD). */
const monthsAhead = (months: number) => {
  const d = new Date();
  d.setMonth(d.getMonth() + months);
  return d.toISOString().slice(0, 10);
};

/**
 * Experts: stamp the revision they read as "expert reviewed", with a review-due date (12
 * months ahead unless they choose another), or take the stamp away. Nobody else sees it.
 */
export function StampButton({ entry }: { entry: LibraryEntry }) {
  const { t } = useTranslation('library');
  const { user } = useSession();
  const [open, setOpen] = useState(false);
  if (!user || !can('library.review', user) || entry.status !== 'published') return null;
  const current = entry.review?.revision === entry.revision;
  return (
    <>
      <button type="button" className="button small" onClick={() => setOpen(true)}>
        {current ? t('edit.stamp.again') : t('edit.stamp.button')}
      </button>
      {open && <StampDialog entry={entry} onClose={() => setOpen(false)} />}
    </>
  );
}

function StampDialog({ entry, onClose }: { entry: LibraryEntry; onClose: () => void }) {
  const { t } = useTranslation('library');
  const storeEntry = useStoreEntry();
  const id = useId();
  const [due, setDue] = useState(monthsAhead(LIBRARY_REVIEW_MONTHS));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const act = async (p: Promise<{ entry: LibraryEntry }>) => {
    setBusy(true);
    setError(null);
    try {
      storeEntry((await p).entry);
      onClose();
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };
  const stamp = () =>
    act(
      request('library:review', {
        id: entry.id,
        revision: entry.revision,
        // The end of the chosen day in the reader's zone is still that day everywhere in Finland.
        dueAt: new Date(`${due}T12:00:00`).toISOString(),
      }),
    );
  return (
    <Dialog title={t('edit.stamp.title')} onClose={onClose}>
      <form
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          void stamp();
        }}
      >
        <p>{t('edit.stamp.lead', { n: entry.revision, title: entry.title })}</p>
        <div className="field">
          <label htmlFor={`${id}-due`}>{t('edit.stamp.due')}</label>
          <span id={`${id}-hint`} className="hint">
            {t('edit.stamp.dueHint', { months: LIBRARY_REVIEW_MONTHS })}
          </span>
          <input
            id={`${id}-due`}
            type="date"
            required
            min={new Date().toISOString().slice(0, 10)}
            value={due}
            aria-describedby={`${id}-hint`}
            onChange={(e) => setDue(e.target.value)}
          />
        </div>
        <DialogFormFooter
          error={error}
          busy={busy}
          incomplete={!due}
          confirmLabel={t('edit.stamp.confirm', { n: entry.revision })}
          onCancel={onClose}
        >
          {entry.review && (
            <button
              type="button"
              className="button danger"
              disabled={busy}
              onClick={() => void act(request('library:unreview', { id: entry.id }))}
            >
              {t('edit.stamp.remove')}
            </button>
          )}
        </DialogFormFooter>
      </form>
    </Dialog>
  );
}
