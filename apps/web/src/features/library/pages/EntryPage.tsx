import { useTranslation } from 'react-i18next';
import { Link, Navigate, useLocation, useParams } from 'react-router';
import { PageTitle } from '../../../app/PageTitle.js';
import { ApiError } from '../../../lib/api.js';
import { useErrorMessage } from '../../../lib/errors.js';
import { useSession } from '../../../lib/session.js';
import { Markdown } from '../../conversations/index.js';
import { messagePath } from '../../search/search-url.js';
import { DiscussionLink } from '../components/DiscussionLink.js';
import { EntryDetails } from '../components/EntryDetails.js';
import { EntryPeople } from '../components/EntryPeople.js';
import { EntrySources } from '../components/EntrySources.js';
import { EntryWritingTools } from '../components/EntryWritingTools.js';
import { ReviewStamp } from '../components/ReviewStamp.js';
import { TriedPlaces } from '../components/TriedPlaces.js';
import { printPath, signInPath } from '../find-url.js';
import { useLiveEntry } from '../hooks/useLiveEntry.js';
import { libraryPaths } from '../library-paths.js';
import '../find.css';

/** An entry's permalink: the text, its review, who wrote and tried it, its discussion. */
export function EntryPage() {
  const { t } = useTranslation('library');
  const { entryId } = useParams();
  const { user, isLoading } = useSession();
  const location = useLocation();
  const errorMessage = useErrorMessage();
  const live = useLiveEntry(user ? entryId : undefined, false);
  const entry = live.data;

  if (isLoading) return <p className="page">{t('common:loading')}</p>;
  if (!user) return <Navigate to={signInPath(location)} replace />;

  const back = (
    <p className="library-breadcrumb">
      <Link to={libraryPaths.list}>← {t('find.entry.back')}</Link>
    </p>
  );
  if (live.deleted)
    return (
      <div className="page library-page library-entry">
        {back}
        <PageTitle>{t('find.title')}</PageTitle>
        <p className="notice" role="status">
          {t('find.entry.deleted')}
        </p>
      </div>
    );
  if (live.isError)
    return (
      <div className="page library-page library-entry">
        {back}
        <PageTitle>{t('find.title')}</PageTitle>
        <p className="notice error" role="alert">
          {live.error instanceof ApiError && live.error.code === 'NOT_FOUND'
            ? t('find.entry.notFound')
            : errorMessage(live.error)}
        </p>
      </div>
    );
  if (!entry) return <p className="page">{t('common:loading')}</p>;

  return (
    <article className="page library-page library-entry">
      {back}
      {/* The entry's own words are in its language, the page around them in the reader's. */}
      <div lang={entry.language}>
        <PageTitle>{entry.title}</PageTitle>
        {entry.summary && <p className="lead summary">{entry.summary}</p>}
      </div>
      {entry.status === 'draft' && <p className="notice">{t('find.entry.draft')}</p>}
      <ReviewStamp entry={entry} />
      <EntryWritingTools entry={entry} presence={live.presence} />
      <p>
        <Link to={printPath(entry.id)}>{t('find.entry.print')}</Link>
      </p>

      <div lang={entry.language}>
        <Markdown text={entry.body} document />
      </div>

      {entry.sources.length > 0 && (
        <section aria-labelledby="entry-sources">
          <h2 id="entry-sources">{t('find.entry.sources')}</h2>
          <EntrySources sources={entry.sources} lang={entry.language} />
        </section>
      )}
      <section aria-labelledby="entry-details">
        <h2 id="entry-details">{t('find.entry.details')}</h2>
        <EntryDetails entry={entry} />
      </section>
      <section aria-labelledby="entry-people">
        <h2 id="entry-people">{t('find.entry.people')}</h2>
        <EntryPeople entry={entry} />
        {entry.origin && (
          <p>
            {t('find.entry.origin')}:{' '}
            <Link to={messagePath(entry.origin.conversationId, entry.origin.messageId)}>
              {t('find.entry.originLink')}
            </Link>
          </p>
        )}
      </section>
      <section aria-labelledby="entry-tried">
        <h2 id="entry-tried">{t('find.entry.tried')}</h2>
        <TriedPlaces entry={entry} />
      </section>
      <section aria-labelledby="entry-discussion">
        <h2 id="entry-discussion">{t('find.entry.discussion')}</h2>
        <p>{t('find.entry.discussionLead')}</p>
        <DiscussionLink entry={entry} />
      </section>
    </article>
  );
}
