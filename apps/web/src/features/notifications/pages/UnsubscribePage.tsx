import type { UnsubscribeScope } from '@yhteistyotila/protocol';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageTitle } from '../../../app/PageTitle.js';
import { useErrorMessage } from '../../../lib/errors.js';
import { forgetHash, tokenFromHash } from '../../../lib/url-token.js';
import { unsubscribeApi } from '../notifications-api.js';
import { NOTIFICATION_PATHS } from '../paths.js';
import '../notifications.css';

type State =
  | { step: 'checking' }
  | { step: 'confirm'; scope: UnsubscribeScope }
  | { step: 'sending'; scope: UnsubscribeScope }
  | { step: 'done'; scope: UnsubscribeScope }
  | { step: 'failed'; error: unknown };

/**
 * Opened from a mail's "stop these mails" link, signed in or not. The link only shows what it
 * would turn off; the button does it (a mail scanner that opens links must not unsubscribe
 * anyone). Mail programs skip this page: they POST the mail's List-Unsubscribe URL themselves.
 */
export function UnsubscribePage() {
  const { t } = useTranslation('notifications');
  const errorText = useErrorMessage();
  const [token] = useState(() => tokenFromHash());
  const [state, setState] = useState<State>(() =>
    token ? { step: 'checking' } : { step: 'failed', error: 'missing' },
  );

  useEffect(() => {
    if (!token) return;
    let live = true;
    unsubscribeApi.info(token).then(
      (r) => live && setState({ step: 'confirm', scope: r.scope }),
      (error: unknown) => live && setState({ step: 'failed', error }),
    );
    return () => {
      live = false;
    };
  }, [token]);

  const what = (scope: UnsubscribeScope) =>
    scope === 'all' ? t('unsubscribe.all') : t(`kindName.${scope}`);

  const confirm = (scope: UnsubscribeScope) => {
    setState({ step: 'sending', scope });
    unsubscribeApi.confirm(token).then(
      (r) => {
        forgetHash();
        setState({ step: 'done', scope: r.scope });
      },
      (error: unknown) => setState({ step: 'failed', error }),
    );
  };

  return (
    <section className="page narrow">
      <PageTitle>{t('unsubscribe.title')}</PageTitle>
      <div aria-live="polite">
        {state.step === 'checking' && <p>{t('unsubscribe.checking')}</p>}
        {(state.step === 'confirm' || state.step === 'sending') && (
          <>
            <p className="lead">{t('unsubscribe.question', { what: what(state.scope) })}</p>
            <button
              type="button"
              className="button primary"
              disabled={state.step === 'sending'}
              onClick={() => confirm(state.scope)}
            >
              {t('unsubscribe.confirm')}
            </button>
          </>
        )}
        {state.step === 'done' && (
          <p className="lead" role="status">
            {t('unsubscribe.done', { what: what(state.scope) })}
          </p>
        )}
        {state.step === 'failed' && (
          <div className="notice error" role="alert">
            <p>{state.error === 'missing' ? t('unsubscribe.missing') : errorText(state.error)}</p>
          </div>
        )}
        <p className="hint">
          {t('unsubscribe.settingsHint')}{' '}
          <Link to={NOTIFICATION_PATHS.settings}>{t('settings.title')}</Link>
        </p>
      </div>
    </section>
  );
}
