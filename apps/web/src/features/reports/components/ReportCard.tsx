import { channelTextFor, MAX_REMOVAL_REASON_LENGTH, type Report } from '@yhteistyotila/protocol';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ClaimButton, ClaimStatus } from '../../../app/Claim.js';
import { useErrorMessage } from '../../../lib/errors.js';
import { request } from '../../../lib/socket.js';
import { formatDateTime } from '../../../lib/dates.js';
import { asLanguage } from '../../../lib/i18n.js';

/**
 * One open report: the snapshot taken when it was made (for a DM or a private channel the only
 * thing moderators see of it), who handles it, and the decision with its reason.
 */
export function ReportCard({
  report: r,
  me,
  onChanged,
}: {
  report: Report;
  me: string;
  onChanged: (r: Report) => void;
}) {
  const { t, i18n } = useTranslation('reports');
  const errorMessage = useErrorMessage();
  const id = useId();
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const mine = r.claimedBy?.id === me;
  const claimedByOther = r.claimedBy !== null && !mine;
  const date = (iso: string | null) => (iso ? formatDateTime(iso, i18n.language) : '–');
  const place = r.snapshot.place;
  const claim = { texts: { ns: 'reports', keyPrefix: 'queue' }, mine, claimedByOther };

  const run = async (fn: () => Promise<{ report: Report }>) => {
    setBusy(true);
    setError(null);
    try {
      onChanged((await fn()).report);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const decide = (outcome: 'dismissed' | 'removed') => {
    if (!reason.trim()) {
      setMissing(true);
      document.getElementById(`${id}-reason`)?.focus();
      return;
    }
    void run(() => request('report:resolve', { id: r.id, outcome, reason }));
  };

  const headingId = `${id}-title`;
  return (
    <article
      className={`card report-card category-${r.category}`}
      aria-labelledby={headingId}
      data-report-id={r.id}
    >
      <h3 id={headingId}>
        <span className="report-category">{t(`categories.${r.category}`)}</span>
        <span className="muted">
          {' · '}
          {t(r.target.type === 'message' ? 'queue.reportedMessage' : 'queue.reportedProfile')}
        </span>
      </h3>
      {r.target.type === 'message' && (
        <blockquote className="report-snapshot">{r.snapshot.text}</blockquote>
      )}
      <dl className="facts">
        <dt>{t(r.target.type === 'message' ? 'queue.by' : 'queue.person')}</dt>
        <dd>{r.snapshot.person?.name ?? t('queue.deletedPerson')}</dd>
        {place && (
          <>
            <dt>{t('queue.where')}</dt>
            <dd>
              {place.kind === 'public-channel'
                ? t('queue.places.public-channel', {
                    name: channelTextFor(
                      { ...place, topic: '', category: '' },
                      asLanguage(i18n.language),
                    ).name,
                  })
                : t(`queue.places.${place.kind}`)}
            </dd>
          </>
        )}
        {r.snapshot.writtenAt && (
          <>
            <dt>{t('queue.writtenAt')}</dt>
            <dd>{date(r.snapshot.writtenAt)}</dd>
          </>
        )}
        <dt>{t('queue.reporter')}</dt>
        <dd>{r.reporter?.name ?? t('queue.deletedPerson')}</dd>
        <dt>{t('queue.reportedAt')}</dt>
        <dd>{date(r.createdAt)}</dd>
        {r.note && (
          <>
            <dt>{t('queue.note')}</dt>
            <dd className="report-note">{r.note}</dd>
          </>
        )}
      </dl>
      <ClaimStatus {...claim} name={r.claimedBy?.name} />
      {!claimedByOther && (
        <div className="field report-decision">
          <label htmlFor={`${id}-reason`}>{t('queue.reason')}</label>
          <textarea
            id={`${id}-reason`}
            value={reason}
            rows={2}
            maxLength={MAX_REMOVAL_REASON_LENGTH}
            aria-invalid={missing && !reason.trim()}
            aria-describedby={`${id}-reason-hint`}
            onChange={(e) => setReason(e.target.value)}
            onFocus={() => {
              // Starting to write a decision takes the report, so others see it is handled.
              if (!mine && !busy) void run(() => request('report:claim', { id: r.id }));
            }}
          />
          <p id={`${id}-reason-hint`} className="hint">
            {t('queue.reasonHint')}
          </p>
        </div>
      )}
      <div className="actions">
        <ClaimButton
          {...claim}
          busy={busy}
          onClaim={() => void run(() => request('report:claim', { id: r.id }))}
          onRelease={() => void run(() => request('report:release', { id: r.id }))}
        />
        {!claimedByOther && (
          <>
            <button
              type="button"
              className="button"
              disabled={busy}
              onClick={() => decide('dismissed')}
            >
              {t('queue.dismiss')}
            </button>
            {r.target.type === 'message' && (
              <button
                type="button"
                className="button danger"
                disabled={busy}
                onClick={() => decide('removed')}
              >
                {t('queue.removeContent')}
              </button>
            )}
          </>
        )}
      </div>
      {missing && !reason.trim() && (
        <p className="form-error" role="alert">
          {t('common:errors.VALIDATION_ERROR')}
        </p>
      )}
      {error !== null && (
        <p className="form-error" role="alert">
          {errorMessage(error)}
        </p>
      )}
    </article>
  );
}
