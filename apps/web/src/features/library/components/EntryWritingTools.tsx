import { can, type LibraryEntry, type LibraryPresence } from '@yhteistyotila/protocol';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useSession } from '../../../lib/session.js';
import { libraryPaths } from '../library-paths.js';
import { EntryPresence } from './EntryPresence.js';
import { FollowButton } from './FollowButton.js';
import { NeedsUpdatingFlag } from './NeedsUpdatingFlag.js';
import { StampButton } from './StampButton.js';
import { TriedThisButton } from './TriedThisButton.js';
import '../library-edit.css';

/**
 * What the entry page offers to act on it, in one place for the browse side to show: who has
 * it open now, edit, revisions, the expert stamp, "we tried this too", follow and "needs updating".
 * Each part shows itself only to those who may use it.
 */
export function EntryWritingTools({
  entry,
  presence,
}: {
  entry: LibraryEntry;
  presence: LibraryPresence['people'];
}) {
  const { t } = useTranslation('library');
  const { user } = useSession();
  const mayEdit = Boolean(
    user &&
    can('library.write', user) &&
    (entry.status === 'published' || entry.author?.id === user.id),
  );
  return (
    <div className="library-page entry-writing-tools">
      <EntryPresence people={presence} myId={user?.id} />
      <div className="actions compact" role="group" aria-label={t('edit.tools')}>
        {mayEdit && (
          <Link className="button small primary" to={libraryPaths.edit(entry.id)}>
            {t('edit.editButton')}
          </Link>
        )}
        <Link className="button small" to={libraryPaths.revisions(entry.id)}>
          {t('edit.revisionsLink')}
        </Link>
        <StampButton entry={entry} />
        <TriedThisButton entry={entry} />
        <FollowButton entry={entry} />
      </div>
      <NeedsUpdatingFlag entry={entry} />
    </div>
  );
}
