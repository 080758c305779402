import type { LibraryConflict } from '@yhteistyotila/protocol';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../lib/dates.js';
import { Markdown } from '../../conversations/index.js';
import type { EntryFormState } from '../entry-form-state.js';
import { LibraryDiffView } from './LibraryDiffView.js';

type TextField = 'title' | 'summary' | 'body';

/**
 * Someone saved while this person was editing. Nothing is lost: the editor keeps this person's
 * text; the panel shows what the other editor changed and how this text differs from theirs,
 * and per field lets the writer take their version (and go back to their own). Saving then
 * builds on the other editor's revision.
 */
export function ConflictPanel({
  conflict,
  form,
  mine,
  onTake,
}: {
  conflict: LibraryConflict;
  form: EntryFormState;
  /** The writer's text as it was when the save was refused. */
  mine: EntryFormState;
  onTake: (patch: Partial<EntryFormState>) => void;
}) {
  const { t, i18n } = useTranslation('library');
  const theirs = conflict.theirs;
  const who = theirs.editor?.name ?? t('edit.deletedUser');
  return (
    <section className="conflict-panel card" aria-labelledby="conflict-title">
      <h2 id="conflict-title" tabIndex={-1}>
        {t('edit.conflict.title')}
      </h2>
      <p role="alert">
        {t('edit.conflict.lead', {
          name: who,
          n: theirs.number,
          time: formatDateTime(theirs.createdAt, i18n.language),
        })}
      </p>
      <p>{t('edit.conflict.how')}</p>
      <details open>
        <summary>{t('edit.conflict.theirChanges', { name: who })}</summary>
        <LibraryDiffView diff={conflict.theirChanges} headingLevel={3} />
      </details>
      <details open>
        <summary>{t('edit.conflict.yourChanges')}</summary>
        <LibraryDiffView diff={conflict.yourChanges} headingLevel={3} />
      </details>
      <div className="conflict-fields">
        {(['title', 'summary', 'body'] as TextField[]).map((f) =>
          theirs.content[f] === mine[f] ? null : (
            <div key={f} className="conflict-field">
              <h3>{t(`edit.form.${f}`)}</h3>
              <details>
                <summary>{t('edit.conflict.showTheirs', { name: who })}</summary>
                {f === 'body' ? (
                  <Markdown text={theirs.content.body} document />
                ) : (
                  <p>{theirs.content[f]}</p>
                )}
              </details>
              <div className="actions compact">
                {form[f] === theirs.content[f] ? (
                  <button
                    type="button"
                    className="button small"
                    onClick={() => onTake({ [f]: mine[f] })}
                  >
                    {t('edit.conflict.takeMine', { field: t(`edit.form.${f}`) })}
                  </button>
                ) : (
                  <button
                    type="button"
                    className="button small"
                    onClick={() => onTake({ [f]: theirs.content[f] })}
                  >
                    {t('edit.conflict.takeTheirs', { field: t(`edit.form.${f}`) })}
                  </button>
                )}
              </div>
            </div>
          ),
        )}
      </div>
    </section>
  );
}
