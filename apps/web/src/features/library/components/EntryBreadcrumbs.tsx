import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { libraryPaths } from '../library-paths.js';

/** Library › the entry (once its title is known): the way back from its editor, revisions and diffs. */
export function EntryBreadcrumbs({ entryId, title }: { entryId?: string; title?: string }) {
  const { t } = useTranslation('library');
  return (
    <nav className="breadcrumbs" aria-label={t('edit.breadcrumbs')}>
      <Link to={libraryPaths.list}>{t('edit.backToLibrary')}</Link>
      {entryId !== undefined && title !== undefined && (
        <>
          {' › '}
          <Link to={libraryPaths.entry(entryId)}>{title}</Link>
        </>
      )}
    </nav>
  );
}
