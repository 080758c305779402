import type { Language } from '@yhteistyotila/protocol';
import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { PageTitle } from '../../../app/PageTitle.js';
import { useSession } from '../../../lib/session.js';
import { accessApi, sessionChanged } from '../access-api.js';
import { FormError } from '../components/FormError.js';
import { PrivacyStatement } from '../components/PrivacyStatement.js';
import {
  isPrivacyVersionChanged,
  usePrivacyStatement,
} from '../components/privacy-statement-query.js';

/** The privacy statement changed: the person reads and accepts it before anything else. */
export function ReconsentPage() {
  const { t, i18n } = useTranslation('access');
  const { user, isLoading } = useSession();
  const statement = usePrivacyStatement();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const location = useLocation();
  // Where the person was when the statement changed (Layout), to go on from there.
  const from = (location.state as { from?: unknown } | null)?.from;
  const back =
    typeof from === 'string' && /^\/(?!\/)/.test(from) && from !== '/suostumus' ? from : '/';
  const [checked, setChecked] = useState(false);
  const [invalid, setInvalid] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [statementChanged, setStatementChanged] = useState(false);

  if (isLoading) return <p className="page">{t('common:loading')}</p>;
  if (!user) return <Navigate to="/kirjaudu" replace />;

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (!checked) {
      setInvalid(true);
      document.getElementById('reconsent-check')?.focus();
      return;
    }
    if (!statement.data) return;
    setError(null);
    setStatementChanged(false);
    try {
      const res = await accessApi.reconsent(statement.data.version, i18n.language as Language);
      sessionChanged(queryClient, res.user);
      void navigate(back, { replace: true });
    } catch (err) {
      if (!isPrivacyVersionChanged(err)) return setError(err);
      // A newer version appeared meanwhile: show it, and the person accepts that one.
      await statement.refetch();
      setChecked(false);
      setStatementChanged(true);
    }
  };

  return (
    <section className="page narrow">
      <PageTitle>{t('reconsent.title')}</PageTitle>
      <p className="lead">{t('reconsent.lead')}</p>
      <div className="card scroll-box">
        <PrivacyStatement />
      </div>
      <form className="form" noValidate onSubmit={(e) => void onSubmit(e)}>
        <div className="field">
          {invalid && !checked && (
            <span id="reconsent-error" className="error">
              {t('validation.consent')}
            </span>
          )}
          <div className="checkbox">
            <input
              id="reconsent-check"
              type="checkbox"
              checked={checked}
              aria-invalid={invalid && !checked ? true : undefined}
              aria-describedby={invalid && !checked ? 'reconsent-error' : undefined}
              onChange={(e) => setChecked(e.target.checked)}
            />
            <label htmlFor="reconsent-check">{t('reconsent.accept')}</label>
          </div>
        </div>
        <div role="alert" className={statementChanged ? 'notice' : undefined}>
          {statementChanged ? t('reconsent.changed') : null}
        </div>
        <FormError error={error} />
        <div className="actions">
          <button type="submit" className="button primary" disabled={!statement.data}>
            {t('reconsent.submit')}
          </button>
        </div>
      </form>
    </section>
  );
}
