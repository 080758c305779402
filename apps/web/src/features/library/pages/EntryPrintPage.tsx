import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useLocation, useParams } from 'react-router';
import { PageTitle } from '../../../app/PageTitle.js';
import { ApiError } from '../../../lib/api.js';
import { formatDate } from '../../../lib/dates.js';
import { useErrorMessage } from '../../../lib/errors.js';
import { queryKeys } from '../../../lib/query-keys.js';
import { useSession } from '../../../lib/session.js';
import { request } from '../../../lib/socket.js';
import { Markdown } from '../../conversations/index.js';
import { EntryDetails } from '../components/EntryDetails.js';
import { EntryPeople } from '../components/EntryPeople.js';
import { EntrySources } from '../components/EntrySources.js';
import { PrintStatus } from '../components/PrintStatus.js';
import { QrCode } from '../components/QrCode.js';
import { signInPath } from '../find-url.js';
import { libraryPaths } from '../library-paths.js';
import '../find.css';
import '../print.css';

/**
 * The A4 print view, to take to a meeting with officials: the text with its revision, its
 * review (date and reviewer) and a QR code to the live entry, so that a reader of the paper
 * finds the current version. A plain URL: opened, reloaded or bookmarked on its own.
 */
export function EntryPrintPage() {
  const { t, i18n } = useTranslation('library');
  const { entryId = '' } = useParams();
  const { user, isLoading } = useSession();
  const location = useLocation();
  const errorMessage = useErrorMessage();
  const entryQuery = useQuery({
    queryKey: queryKeys.library.entry(entryId),
    queryFn: async () => (await request('library:get', { id: entryId })).entry,
    enabled: Boolean(user && entryId),
  });
  const entry = entryQuery.data;
  const lang = i18n.language;

  if (isLoading) return <p className="page">{t('common:loading')}</p>;
  if (!user) return <Navigate to={signInPath(location)} replace />;
  if (entryQuery.isError)
    return (
      <div className="page">
        <PageTitle>{t('find.title')}</PageTitle>
        <p className="notice error" role="alert">
          {entryQuery.error instanceof ApiError && entryQuery.error.code === 'NOT_FOUND'
            ? t('find.entry.notFound')
            : errorMessage(entryQuery.error)}
        </p>
      </div>
    );
  if (!entry) return <p className="page">{t('common:loading')}</p>;

  const liveUrl = new URL(libraryPaths.entry(entry.id), window.location.origin).href;
  return (
    <div className="page print-page">
      <div className="print-toolbar">
        <p className="library-breadcrumb">
          <Link to={libraryPaths.entry(entry.id)}>← {t('find.print.backToEntry')}</Link>
        </p>
        <button type="button" className="button primary" onClick={() => window.print()}>
          {t('find.print.printButton')}
        </button>
        <p className="hint">{t('find.print.hint')}</p>
      </div>

      <article className="print-sheet library-entry">
        <header className="print-head">
          <div lang={entry.language} className="print-title">
            <PageTitle>{entry.title}</PageTitle>
            {entry.summary && <p className="summary">{entry.summary}</p>}
          </div>
          <figure className="print-qr">
            <QrCode value={liveUrl} label={t('find.print.qrLabel', { url: liveUrl })} size={112} />
            <figcaption>
              {t('find.print.qrCaption')} <span className="print-url">{liveUrl}</span>
            </figcaption>
          </figure>
        </header>

        <PrintStatus entry={entry} />

        <div lang={entry.language}>
          <Markdown text={entry.body} document />
        </div>

        {entry.sources.length > 0 && (
          <section aria-labelledby="print-sources">
            <h2 id="print-sources">{t('find.entry.sources')}</h2>
            <EntrySources sources={entry.sources} lang={entry.language} />
          </section>
        )}
        <section aria-labelledby="print-details" className="print-details">
          <h2 id="print-details">{t('find.entry.details')}</h2>
          <EntryDetails entry={entry} />
          <EntryPeople entry={entry} />
        </section>
        <footer className="print-foot">
          {t('find.print.printedAt', { date: formatDate(new Date(), lang) })}
        </footer>
      </article>
    </div>
  );
}
