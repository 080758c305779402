import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageTitle } from '../../../app/PageTitle.js';
import { STATUS_TOKEN_KEY, accessApi } from '../access-api.js';
import { useAccessError } from '../components/FormError.js';
import { RequestStatus } from '../components/RequestStatus.js';

/** "Where is my request?": works in the browser that verified it (the status token is kept there). */
export function StatusPage() {
  const { t } = useTranslation('access');
  const errorText = useAccessError();
  const [token] = useState(() => localStorage.getItem(STATUS_TOKEN_KEY) ?? '');
  const query = useQuery({
    queryKey: ['join-status', token],
    queryFn: () => accessApi.status(token),
    enabled: token !== '',
    retry: false,
  });
  return (
    <section className="page narrow">
      <PageTitle>{t('statusPage.title')}</PageTitle>
      <div aria-live="polite">
        {!token && (
          <p>
            {t('statusPage.none')} <Link to="/liity">{t('join.title')}</Link>
          </p>
        )}
        {query.isLoading && <p>{t('common:loading')}</p>}
        {query.data && <RequestStatus status={query.data} />}
        {query.error && (
          <p className="notice error" role="alert">
            {errorText(query.error)}
          </p>
        )}
      </div>
    </section>
  );
}
