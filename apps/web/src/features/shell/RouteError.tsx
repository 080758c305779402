import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useRouteError } from 'react-router';
import { PageTitle } from '../../app/PageTitle.js';

const RELOADED_KEY = 'yt.reloadedForNewVersion';

/**
 * A page failed to load or render. The usual cause is a new deployment: the lazily loaded
 * page's old file is gone. Reload once by itself; after that, let the person decide.
 */
export function RouteError() {
  const { t } = useTranslation('shell');
  const error = useRouteError();
  const staleChunk =
    error instanceof Error &&
    /dynamically imported module|Importing a module script failed/i.test(error.message);
  useEffect(() => {
    if (staleChunk && !sessionStorage.getItem(RELOADED_KEY)) {
      sessionStorage.setItem(RELOADED_KEY, '1');
      window.location.reload();
    }
  }, [staleChunk]);
  return (
    <section className="page narrow" role="alert">
      <PageTitle>{t('routeError.title')}</PageTitle>
      <p>{t('routeError.body')}</p>
      <button type="button" className="button primary" onClick={() => window.location.reload()}>
        {t('connection.reload')}
      </button>
    </section>
  );
}
