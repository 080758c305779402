import type { JoinRequestVerified } from '@yhteistyotila/protocol';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageTitle } from '../../../app/PageTitle.js';
import { ApiError } from '../../../lib/api.js';
import { STATUS_TOKEN_KEY, accessApi } from '../access-api.js';
import { useAccessError } from '../components/FormError.js';
import { forgetHash, tokenFromHash } from '../../../lib/url-token.js';
import { LiveRequestStatus } from '../components/RequestStatus.js';

/**
 * A verification link is single-use: one request per token even when React runs effects twice
 * (StrictMode) or the page re-renders.
 */
const inFlight = new Map<string, Promise<JoinRequestVerified>>();
const verifyOnce = (token: string) => {
  let p = inFlight.get(token);
  if (!p) {
    p = accessApi.verify(token);
    inFlight.set(token, p);
  }
  return p;
};

export function VerifyPage() {
  const { t } = useTranslation('access');
  const errorText = useAccessError();
  const [token] = useState(() => tokenFromHash());
  const [result, setResult] = useState<JoinRequestVerified | null>(null);
  const [error, setError] = useState<unknown>(token ? null : 'missing');

  useEffect(() => {
    if (!token) return;
    let live = true;
    verifyOnce(token).then(
      (r) => {
        localStorage.setItem(STATUS_TOKEN_KEY, r.statusToken);
        forgetHash();
        if (live) setResult(r);
      },
      (err: unknown) => live && setError(err),
    );
    return () => {
      live = false;
    };
  }, [token]);

  return (
    <section className="page narrow">
      <PageTitle>{t('verify.title')}</PageTitle>
      <div aria-live="polite">
        {!result && !error && <p>{t('verify.checking')}</p>}
        {result && (
          <>
            <p className="lead">{t('verify.done')}</p>
            <LiveRequestStatus token={result.statusToken} initial={result} />
            <p className="hint">
              {t('verify.statusLater')} <Link to="/liity/tila">{t('statusPage.title')}</Link>
            </p>
          </>
        )}
        {error !== null && (
          <div className="notice error" role="alert">
            <p>{error === 'missing' ? t('verify.missing') : errorText(error)}</p>
            {/* A used link usually means the address is already confirmed: offer the status first. */}
            {error instanceof ApiError && error.code === 'TOKEN_USED' && (
              <p>
                <Link to="/liity/tila">{t('statusPage.title')}</Link>
              </p>
            )}
            <p>
              <Link to="/liity">{t('verify.again')}</Link>
            </p>
          </div>
        )}
      </div>
    </section>
  );
}
