import type { LibraryEntry } from '@yhteistyotila/protocol';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useErrorMessage } from '../../../lib/errors.js';
import { request } from '../../../lib/socket.js';
import { discussionPath } from '../find-url.js';

/**
 * The entry's discussion: a thread in the library channel. A published entry without one yet
 * gets it on first need (`library:discussion`), and the reader is taken there.
 */
export function DiscussionLink({ entry }: { entry: LibraryEntry }) {
  const { t } = useTranslation('library');
  const errorMessage = useErrorMessage();
  const navigate = useNavigate();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  if (entry.status !== 'published') return <p>{t('find.entry.noDiscussion')}</p>;
  if (entry.discussion)
    return (
      <p>
        <Link className="button" to={discussionPath(entry.discussion)}>
          {t('find.entry.openDiscussion')}
        </Link>
      </p>
    );
  const open = async () => {
    setBusy(true);
    setError(null);
    try {
      const { discussion } = await request('library:discussion', { id: entry.id });
      await navigate(discussionPath(discussion));
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };
  return (
    <>
      <p>
        <button type="button" className="button" disabled={busy} onClick={() => void open()}>
          {t('find.entry.openDiscussion')}
        </button>
      </p>
      {error !== null && (
        <p role="alert" className="form-error">
          {errorMessage(error)}
        </p>
      )}
    </>
  );
}
