import {
  REGIONAL_UNITS,
  channelTextFor,
  httpRoutes,
  regionName,
  type Welcome,
} from '@yhteistyotila/protocol';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { callRoute } from '../../lib/api.js';
import { asLanguage } from '../../lib/i18n.js';
import { queryKeys } from '../../lib/query-keys.js';
import { libraryPaths } from '../library/library-paths.js';
import './welcome.css';

/** The seeded channel where people ask the experts (protocol default-channels). */
const EXPERTS_KEY = 'kysy-asiantuntijalta';

/**
 * A short welcome after the first sign-in, in the person's language: what the workspace is for,
 * their region's channel, the experts, how to ask, where the good practices are. Closing it is
 * stored on the account, so it never comes back, on any device.
 */
export function WelcomeDialog() {
  const { data } = useQuery({
    queryKey: queryKeys.welcome,
    queryFn: () => callRoute(httpRoutes.welcome),
    staleTime: Infinity,
  });
  return data?.show ? <WelcomeContent welcome={data} /> : null;
}

function WelcomeContent({ welcome }: { welcome: Welcome }) {
  const { t, i18n } = useTranslation('welcome');
  const language = asLanguage(i18n.language);
  const queryClient = useQueryClient();
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    dialog?.showModal();
    return () => dialog?.close();
  }, []);

  const dismiss = () => {
    queryClient.setQueryData<Welcome>(queryKeys.welcome, { ...welcome, show: false });
    void callRoute(httpRoutes.dismissWelcome, { body: {} });
  };
  const unit = REGIONAL_UNITS.find((u) => u.id === welcome.regionId);
  const experts = channelTextFor(
    { name: '', topic: '', category: '', defaultKey: EXPERTS_KEY },
    language,
  ).name;

  return (
    <dialog
      ref={ref}
      className="dialog welcome"
      aria-labelledby={titleId}
      onCancel={(e) => {
        e.preventDefault();
        dismiss();
      }}
    >
      <h2 id={titleId}>{t('title')}</h2>
      <p>{t('purpose')}</p>
      <ul>
        {unit && welcome.regionChannelId && (
          <li>
            {t('region')}{' '}
            <Link to={`/c/${welcome.regionChannelId}`} onClick={dismiss}>
              #{regionName(unit, language)}
            </Link>
          </li>
        )}
        <li>
          {t('experts')}{' '}
          {welcome.expertsChannelId ? (
            <Link to={`/c/${welcome.expertsChannelId}`} onClick={dismiss}>
              #{experts}
            </Link>
          ) : (
            `#${experts}`
          )}
        </li>
        <li>{t('howToAsk')}</li>
        <li>
          {t('practices')}{' '}
          <Link to={libraryPaths.list} onClick={dismiss}>
            {t('library:find.nav')}
          </Link>
        </li>
      </ul>
      <div className="actions">
        <button type="button" className="button primary" onClick={dismiss} autoFocus>
          {t('start')}
        </button>
      </div>
    </dialog>
  );
}
