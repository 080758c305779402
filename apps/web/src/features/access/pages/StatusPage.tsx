import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageTitle } from '../../../app/PageTitle.js';
import { STATUS_TOKEN_KEY } from '../access-api.js';
import { LiveRequestStatus } from '../components/RequestStatus.js';

/**
 * "Where is my request?": works in the browser that verified it (the status token is kept
 * there), and changes by itself when the request is decided.
 */
export function StatusPage() {
  const { t } = useTranslation('access');
  const [token] = useState(() => localStorage.getItem(STATUS_TOKEN_KEY) ?? '');
  return (
    <section className="page narrow">
      <PageTitle>{t('statusPage.title')}</PageTitle>
      <div aria-live="polite">
        {!token && (
          <p>
            {t('statusPage.none')} <Link to="/liity">{t('join.title')}</Link>
          </p>
        )}
        {token && <LiveRequestStatus token={token} />}
      </div>
    </section>
  );
}
