import type { AuditEntry } from '@yhteistyotila/protocol';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDateTime } from '../../lib/dates.js';

/** One decision: when, who, what, about what, and the staff member's reason. */
export function AuditEntryItem({
  entry: e,
  onActor,
  onTarget,
}: {
  entry: AuditEntry;
  onActor: (actorId: string) => void;
  onTarget: (targetId: string) => void;
}) {
  const { t, i18n } = useTranslation('audit');
  const actor = e.actorName ?? (e.actorId ? e.actorId : t('erasedOrSystem'));
  const details = Object.entries(e.details);
  return (
    <article className="card audit-entry">
      <p className="audit-head">
        <time dateTime={e.at}>{formatDateTime(e.at, i18n.language)}</time>{' '}
        <strong>{t(`actions.${e.action}`, { defaultValue: e.action })}</strong>
      </p>
      <dl className="audit-facts">
        <dt>{t('actor')}</dt>
        <dd>
          {e.actorId ? (
            <button
              type="button"
              className="link-button"
              onClick={() => onActor(e.actorId!)}
              aria-label={t('onlyActor', { name: actor })}
            >
              {actor}
            </button>
          ) : (
            actor
          )}
        </dd>
        <dt>{t('target')}</dt>
        <dd>
          {t(`targetTypes.${e.targetType}`, { defaultValue: e.targetType })}{' '}
          {e.targetId &&
            (e.targetType === 'channel' ? (
              <Link to={`/c/${e.targetId}`}>{e.targetId}</Link>
            ) : (
              <code>{e.targetId}</code>
            ))}
          {e.targetId && (
            <>
              {' '}
              <button type="button" className="link-button" onClick={() => onTarget(e.targetId!)}>
                {t('onlyTarget')}
              </button>
            </>
          )}
        </dd>
        <dt>{t('reason')}</dt>
        <dd className="audit-reason">
          {e.reason ?? <span className="hint">{t('noReason')}</span>}
        </dd>
        {details.length > 0 && (
          <>
            <dt>{t('details')}</dt>
            <dd>
              {details.map(([k, v]) => (
                <span key={k} className="audit-detail">
                  {k}: {String(v)}
                </span>
              ))}
            </dd>
          </>
        )}
      </dl>
    </article>
  );
}
