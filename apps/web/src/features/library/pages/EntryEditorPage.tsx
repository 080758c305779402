import { can, type LibraryConflict, type LibraryEntry } from '@yhteistyotila/protocol';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate, useParams } from 'react-router';
import { PageTitle } from '../../../app/PageTitle.js';
import { ApiError } from '../../../lib/api.js';
import { useErrorMessage } from '../../../lib/errors.js';
import { asLanguage } from '../../../lib/i18n.js';
import { useSession } from '../../../lib/session.js';
import { request } from '../../../lib/socket.js';
import { ConflictPanel } from '../components/ConflictPanel.js';
import { EntryFields } from '../components/EntryFields.js';
import { EntryPresence } from '../components/EntryPresence.js';
import {
  contentFromForm,
  emptyForm,
  formFromContent,
  sameContent,
  type EntryFormState,
} from '../entry-form-state.js';
import { useLiveEntry, useStoreEntry } from '../hooks/useLiveEntry.js';
import { libraryPaths } from '../library-paths.js';
import { EntryBreadcrumbs } from '../components/EntryBreadcrumbs.js';
import { forgetUnsaved, keepUnsaved, readUnsaved } from '../unsaved-copy.js';
import '../library-edit.css';

/**
 * Writing an entry: a new draft (no id), an own draft, or a published entry (every save a
 * revision). A save names the revision it started from; if someone saved meanwhile the server
 * refuses with LIBRARY_CONFLICT and the difference, and the ConflictPanel helps merge.
 */
export function EntryEditorPage() {
  const { entryId } = useParams();
  const { t } = useTranslation('library');
  const { user, isLoading } = useSession();
  const live = useLiveEntry(entryId, true);
  if (isLoading || (entryId && live.isLoading))
    return <p className="page">{t('common:loading')}</p>;
  if (!user) {
    const here = entryId ? libraryPaths.edit(entryId) : libraryPaths.newEntry;
    return <Navigate to={`/kirjaudu?next=${encodeURIComponent(here)}`} replace />;
  }
  if (!can('library.write', user))
    return (
      <section className="page narrow library-page">
        <PageTitle>{t('edit.newTitle')}</PageTitle>
        <p className="notice error">{t('common:errors.FORBIDDEN')}</p>
      </section>
    );
  if (entryId && !live.data) return <EditorError error={live.error} />;
  return (
    <Editor
      // A different entry is a different form.
      key={entryId ?? 'new'}
      entry={live.data}
      presence={live.presence}
      deleted={live.deleted}
      myId={user.id}
    />
  );
}

function EditorError({ error }: { error: unknown }) {
  const { t } = useTranslation('library');
  const errorMessage = useErrorMessage();
  return (
    <section className="page narrow library-page">
      <PageTitle>{t('edit.editTitle')}</PageTitle>
      <p className="notice error" role="alert">
        {errorMessage(error)}
      </p>
      <Link to={libraryPaths.list}>{t('edit.backToLibrary')}</Link>
    </section>
  );
}

function Editor({
  entry,
  presence,
  deleted,
  myId,
}: {
  entry: LibraryEntry | undefined;
  presence: ReturnType<typeof useLiveEntry>['presence'];
  deleted: boolean;
  myId: string;
}) {
  const { t, i18n } = useTranslation('library');
  const errorMessage = useErrorMessage();
  const navigate = useNavigate();
  const storeEntry = useStoreEntry();
  const copyKey = entry?.id ?? 'new';
  // What the editor started from: the text to compare with, the revision a save builds on. An
  // unsaved copy from an earlier visit comes back with the revision it was based on.
  const [start] = useState(() => {
    const current = entry ? formFromContent(entry) : emptyForm(asLanguage(i18n.language));
    const copy = readUnsaved(myId, copyKey);
    return {
      base: { revision: copy?.baseRevision ?? entry?.revision ?? 0, form: current },
      form: copy?.form ?? current,
      restored: copy !== null,
    };
  });
  const [base, setBase] = useState(start.base);
  const [form, setForm] = useState<EntryFormState>(start.form);
  const restored = start.restored;
  const [conflict, setConflict] = useState<{
    conflict: LibraryConflict;
    mine: EntryFormState;
  } | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [titleMissing, setTitleMissing] = useState(false);
  const [saved, setSaved] = useState(false);
  const conflictRef = useRef<HTMLDivElement>(null);
  const dirty = !sameContent(form, base.form);

  useEffect(() => {
    if (dirty) keepUnsaved(myId, copyKey, { baseRevision: base.revision, form });
    else forgetUnsaved(myId, copyKey);
  }, [dirty, form, base.revision, myId, copyKey]);

  const set = (patch: Partial<EntryFormState>) => {
    setSaved(false);
    setForm((f) => ({ ...f, ...patch }));
  };

  const isDraft = !entry || entry.status === 'draft';
  const title = entry ? t('edit.editTitle') : t('edit.newTitle');

  /** Saves the form (when changed) and answers with the stored entry, or null if refused. */
  const save = async (): Promise<LibraryEntry | null> => {
    if (!form.title.trim()) {
      setTitleMissing(true);
      document.querySelector<HTMLInputElement>('.entry-editor input[aria-required]')?.focus();
      return null;
    }
    setTitleMissing(false);
    // Nothing changed since the last save (e.g. "publish" right after saving): no new revision.
    if (entry && !dirty && base.revision === entry.revision) return entry;
    const content = contentFromForm(form);
    try {
      const result = entry
        ? await request('library:save', { id: entry.id, baseRevision: base.revision, content })
        : await request('library:create', { content });
      forgetUnsaved(myId, copyKey);
      storeEntry(result.entry);
      setConflict(null);
      setBase({ revision: result.entry.revision, form });
      return result.entry;
    } catch (err) {
      if (err instanceof ApiError && err.code === 'LIBRARY_CONFLICT' && err.body.conflict) {
        const c = err.body.conflict;
        // The writer's text stays in the editor; the next save builds on the other revision.
        setConflict({ conflict: c, mine: form });
        setBase((b) => ({ ...b, revision: c.theirs.number }));
        requestAnimationFrame(() => conflictRef.current?.querySelector('h2')?.focus());
        return null;
      }
      throw err;
    }
  };

  const run = async (after: (saved: LibraryEntry) => Promise<void> | void) => {
    setBusy(true);
    setError(null);
    try {
      const stored = await save();
      if (stored) await after(stored);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    void run(async (stored) => {
      if (!entry) {
        // The new draft has an address now: keep editing it there.
        await navigate(libraryPaths.edit(stored.id), { replace: true });
      } else if (stored.status === 'published' && stored.revision !== entry.revision) {
        // A published entry's save is a revision: show what it changed.
        await navigate(libraryPaths.diff(stored.id, entry.revision, stored.revision), {
          state: { savedRevision: stored.revision },
        });
      } else setSaved(true);
    });
  };

  const publish = () =>
    void run(async (stored) => {
      const { entry: published } = await request('library:publish', { id: stored.id });
      storeEntry(published);
      await navigate(libraryPaths.entry(published.id));
    });

  return (
    <section className="page library-page library-edit-page">
      <EntryBreadcrumbs entryId={entry?.id} title={entry?.title} />
      <PageTitle>{title}</PageTitle>
      {entry && (
        <p className="muted entry-status">
          {isDraft ? t('edit.status.draft') : t('edit.status.published', { n: entry.revision })}
          {' · '}
          <Link to={libraryPaths.revisions(entry.id)}>{t('edit.revisionsLink')}</Link>
        </p>
      )}
      {entry && <EntryPresence people={presence} myId={myId} />}
      {deleted && (
        <p className="notice error" role="alert">
          {t('edit.deleted')}
        </p>
      )}
      {restored && (
        <p className="notice" role="status">
          {t('edit.restoredUnsaved')}
        </p>
      )}
      {entry && entry.revision > base.revision && !conflict && (
        <p className="notice" role="status">
          {t('edit.newerRevision', {
            name: entry.editor?.name ?? t('edit.deletedUser'),
            n: entry.revision,
          })}
        </p>
      )}
      {entry?.origin && (
        <p className="notice">
          {t('edit.fromChat')}{' '}
          <Link to={`/c/${entry.origin.conversationId}/m/${entry.origin.messageId}`}>
            {t('edit.fromChatLink')}
          </Link>
        </p>
      )}
      <div ref={conflictRef}>
        {conflict && (
          <ConflictPanel
            conflict={conflict.conflict}
            form={form}
            mine={conflict.mine}
            onTake={set}
          />
        )}
      </div>
      <form className="form entry-editor" onSubmit={onSubmit} noValidate>
        <EntryFields
          form={form}
          set={set}
          titleError={titleMissing ? t('edit.form.titleMissing') : undefined}
        />
        {error !== null && (
          <p className="form-error" role="alert">
            {errorMessage(error)}
          </p>
        )}
        {saved && (
          <p className="notice success" role="status">
            {t('edit.saved')}
          </p>
        )}
        <div className="actions editor-actions">
          <button type="submit" className="button primary" disabled={busy || deleted}>
            {conflict
              ? t('edit.saveMerged')
              : isDraft
                ? t('edit.saveDraft')
                : t('edit.saveRevision')}
          </button>
          {isDraft && (
            <button
              type="button"
              className="button"
              disabled={busy || deleted || (entry !== undefined && entry.author?.id !== myId)}
              onClick={publish}
            >
              {t('edit.publish')}
            </button>
          )}
          <Link className="button" to={entry ? libraryPaths.entry(entry.id) : libraryPaths.list}>
            {t('common:cancel')}
          </Link>
        </div>
        {isDraft && <p className="hint">{t('edit.draftHint')}</p>}
      </form>
    </section>
  );
}
