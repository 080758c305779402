import type { LibraryEntry, PersonRef } from '@yhteistyotila/protocol';
import { useTranslation } from 'react-i18next';

/** Who wrote it: the author, everyone who saved a revision, and those quoted who agreed. */
export function EntryPeople({ entry }: { entry: LibraryEntry }) {
  const { t } = useTranslation('library');
  const names = (people: PersonRef[]) => people.map((p) => p.name).join(', ');
  const contributors = entry.contributors.filter((p) => p.id !== entry.author?.id);
  return (
    <dl className="entry-details">
      <div className="entry-details-row">
        <dt>{t('find.entry.author')}</dt>
        <dd>
          {entry.author?.name ??
            t(entry.startingContent ? 'find.entry.league' : 'find.entry.deletedUser')}
        </dd>
      </div>
      {contributors.length > 0 && (
        <div className="entry-details-row">
          <dt>{t('find.entry.contributors')}</dt>
          <dd>{names(contributors)}</dd>
        </div>
      )}
      {entry.credits.length > 0 && (
        <div className="entry-details-row">
          <dt>{t('find.entry.credits')}</dt>
          <dd>{names(entry.credits)}</dd>
        </div>
      )}
    </dl>
  );
}
