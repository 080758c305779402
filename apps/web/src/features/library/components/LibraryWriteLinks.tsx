import { can } from '@yhteistyotila/protocol';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useSession } from '../../../lib/session.js';
import { libraryPaths } from '../library-paths.js';
import '../library-edit.css';

/**
 * The list page's ways into writing: "new good practice" for those who write drafts, and the
 * experts' review list (the navigation's audience is a role, and expertise is a capability
 * beside it). Nobody sees what they may not use.
 */
export function LibraryWriteLinks() {
  const { t } = useTranslation('library');
  const { user } = useSession();
  if (!user) return null;
  const writes = can('library.write', user);
  const reviews = can('library.review', user);
  if (!writes && !reviews) return null;
  return (
    <p className="library-write-links">
      {writes && (
        <Link className="button primary" to={libraryPaths.newEntry}>
          {t('edit.newTitle')}
        </Link>
      )}
      {reviews && (
        <Link className="button" to={libraryPaths.reviewDue}>
          {t('edit.reviewDue.title')}
        </Link>
      )}
    </p>
  );
}
