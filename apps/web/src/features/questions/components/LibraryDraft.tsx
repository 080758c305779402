import type { Question } from '@yhteistyotila/protocol';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { request } from '../../../lib/socket.js';
import { ErrorNotice } from '../../../app/ErrorNotice.js';

/**
 * An answered question to the library: the asker's consent (a checkbox), and the button that
 * makes the draft for the asker, or for an expert or staff member once the asker consented.
 */
export function LibraryDraft({
  question: q,
  isAsker,
  mayDraft,
  onChanged,
}: {
  question: Question;
  isAsker: boolean;
  mayDraft: boolean;
  onChanged: (q: Question) => void;
}) {
  const { t } = useTranslation('questions');
  const id = useId();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [entryId, setEntryId] = useState<string | null>(null);
  const run = async (fn: () => Promise<Question>) => {
    setBusy(true);
    setError(null);
    try {
      onChanged(await fn());
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const made = entryId ?? q.libraryEntryId;
  return (
    <section className="library-draft" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`} className="visually-hidden">
        {t('question.toLibrary')}
      </h2>
      {isAsker && (
        <div className="checkbox-row">
          <input
            type="checkbox"
            id={`${id}-consent`}
            checked={q.libraryConsent}
            disabled={busy}
            onChange={(e) => {
              const consent = e.target.checked;
              void run(
                async () =>
                  (await request('question:libraryConsent', { id: q.id, consent })).question,
              );
            }}
          />
          <label htmlFor={`${id}-consent`}>{t('question.consent')}</label>
        </div>
      )}
      {mayDraft && !made && (
        <button
          type="button"
          className="button"
          disabled={busy}
          onClick={() =>
            void run(async () => {
              const r = await request('question:toLibrary', { id: q.id });
              setEntryId(r.entryId);
              return r.question;
            })
          }
        >
          {t('question.toLibrary')}
        </button>
      )}
      {made && (
        <p role="status">
          {t('question.draftMade')}{' '}
          {/* The draft is its maker's (and staff's) to see: linked for the one who made it. */}
          {entryId && <Link to={`/kirjasto/${entryId}`}>{t('question.openDraft')}</Link>}
        </p>
      )}
      <ErrorNotice error={error} />
    </section>
  );
}
