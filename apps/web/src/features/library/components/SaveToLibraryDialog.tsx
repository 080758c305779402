import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { Dialog } from '../../../app/Dialog.js';
import { request } from '../../../lib/socket.js';
import { useStoreEntry } from '../hooks/useLiveEntry.js';
import { libraryPaths } from '../library-paths.js';
import { DialogFormFooter } from '../../../app/DialogFormFooter.js';

/**
 * "Save to library" from a public channel's message menu: the server makes a draft prefilled
 * with the message (or its whole thread) that links back to it, and asks the people quoted
 * whether they may be named; the writer goes on in the editor.
 */
export function SaveToLibraryDialog({
  messageId,
  hasThread,
  onClose,
}: {
  messageId: string;
  /** The message is a thread root with replies: offer to take the whole thread. */
  hasThread: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation('library');
  const navigate = useNavigate();
  const storeEntry = useStoreEntry();
  const id = useId();
  const [wholeThread, setWholeThread] = useState(hasThread);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      const { entry } = await request('library:fromChat', {
        messageId,
        ...(hasThread ? { wholeThread } : {}),
      });
      storeEntry(entry);
      onClose();
      await navigate(libraryPaths.edit(entry.id));
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };
  return (
    <Dialog title={t('edit.fromChatDialog.title')} onClose={onClose}>
      <form
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <p>{t('edit.fromChatDialog.lead')}</p>
        <p className="hint">{t('edit.fromChatDialog.credits')}</p>
        {hasThread && (
          <label className="checkbox" htmlFor={`${id}-thread`}>
            <input
              id={`${id}-thread`}
              type="checkbox"
              checked={wholeThread}
              onChange={(e) => setWholeThread(e.target.checked)}
            />
            <span>{t('edit.fromChatDialog.wholeThread')}</span>
          </label>
        )}
        <DialogFormFooter
          error={error}
          busy={busy}
          confirmLabel={t('edit.fromChatDialog.confirm')}
          onCancel={onClose}
        />
      </form>
    </Dialog>
  );
}
