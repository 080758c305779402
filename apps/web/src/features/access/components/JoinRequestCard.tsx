import { formatDateTime } from '../../../lib/dates.js';
import {
  APPROVE_ROLES,
  REJECT_REASONS,
  type JoinRequest,
  type RejectReason,
} from '@yhteistyotila/protocol';
import { useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ClaimButton, ClaimStatus } from '../../../app/Claim.js';
import { request } from '../../../lib/socket.js';
import { ChannelChoice } from './ChannelChoice.js';
import { FormError } from './FormError.js';
import { municipalityLabel } from './municipalities.js';

/** A rejection is asked twice: the form, then a confirmation naming its consequences. */
type Mode = 'view' | 'approve' | 'reject' | 'confirm-reject';

/** Tomorrow at the earliest: a guest account that ends today is of no use. */
const minGuestDate = () => new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);

export function JoinRequestCard({
  request: r,
  me,
  onChanged,
}: {
  request: JoinRequest;
  me: string;
  onChanged: (r: JoinRequest) => void;
}) {
  const { t, i18n } = useTranslation('access');
  const id = useId();
  const [mode, setMode] = useState<Mode>('view');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [role, setRole] = useState<(typeof APPROVE_ROLES)[number]>('member');
  const [guestUntil, setGuestUntil] = useState('');
  const [channelIds, setChannelIds] = useState<string[]>([]);
  const [reason, setReason] = useState<RejectReason>('not-parent-actor');
  const [reasonText, setReasonText] = useState('');
  const [message, setMessage] = useState('');
  const [invalid, setInvalid] = useState<'guestUntil' | 'reasonText' | null>(null);
  // The confirmation replaces the form: focus moves to its question, not to the page's top.
  useEffect(() => {
    if (mode === 'confirm-reject') document.getElementById(`${id}-confirm-title`)?.focus();
  }, [mode, id]);

  const claimedByOther =
    r.claimedBy !== null &&
    r.claimedBy.id !== me &&
    (!r.claimExpiresAt || r.claimExpiresAt > new Date().toISOString());
  const mine = r.claimedBy?.id === me;
  const claim = { texts: { ns: 'access', keyPrefix: 'moderation' }, mine, claimedByOther };
  const date = (iso: string | null) => (iso ? formatDateTime(iso, i18n.language) : '–');

  const run = async (fn: () => Promise<{ request: JoinRequest }>) => {
    setBusy(true);
    setError(null);
    try {
      onChanged((await fn()).request);
      setMode('view');
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  /** Opening a decision takes the request, so other moderators see it is being handled. */
  const openDecision = async (next: Mode) => {
    if (!mine) {
      setBusy(true);
      setError(null);
      try {
        onChanged((await request('joinRequest:claim', { id: r.id })).request);
      } catch (err) {
        setError(err);
        return;
      } finally {
        setBusy(false);
      }
    }
    setMode(next);
  };

  const approve = (e: FormEvent) => {
    e.preventDefault();
    if (role === 'guest' && !guestUntil) {
      setInvalid('guestUntil');
      document.getElementById(`${id}-until`)?.focus();
      return;
    }
    setInvalid(null);
    const until = role === 'guest' ? new Date(`${guestUntil}T23:59:59`).toISOString() : undefined;
    void run(() =>
      request('joinRequest:approve', {
        id: r.id,
        role,
        channelIds,
        ...(until ? { guestUntil: until } : {}),
      }),
    );
  };

  const reject = (e: FormEvent) => {
    e.preventDefault();
    if (reason === 'other' && !reasonText.trim()) {
      setInvalid('reasonText');
      document.getElementById(`${id}-reason-text`)?.focus();
      return;
    }
    setInvalid(null);
    setMode('confirm-reject');
  };

  const confirmReject = () =>
    void run(() =>
      request('joinRequest:reject', { id: r.id, reason, reasonText, messageToApplicant: message }),
    );

  const headingId = `${id}-name`;
  return (
    <article className="card join-request" aria-labelledby={headingId}>
      <h3 id={headingId}>{r.name}</h3>
      <dl className="facts">
        <dt>{t('fields.email')}</dt>
        <dd>{r.email}</dd>
        <dt>{t('fields.municipality')}</dt>
        <dd>{municipalityLabel(r.municipalityCode, i18n.language) || r.municipalityCode}</dd>
        {r.association && (
          <>
            <dt>{t('fields.association')}</dt>
            <dd>{r.association}</dd>
          </>
        )}
        {r.parentRole && (
          <>
            <dt>{t('moderation.applicantParentRole')}</dt>
            <dd>{r.parentRole}</dd>
          </>
        )}
        {r.motivation && (
          <>
            <dt>{t('moderation.applicantMotivation')}</dt>
            <dd className="motivation">{r.motivation}</dd>
          </>
        )}
        <dt>{t('moderation.verifiedAt')}</dt>
        <dd>{date(r.verifiedAt)}</dd>
      </dl>
      <ClaimStatus {...claim} name={r.claimedBy?.name} live />

      {mode === 'view' && (
        <div className="actions">
          <ClaimButton
            {...claim}
            busy={busy}
            onClaim={() => void run(() => request('joinRequest:claim', { id: r.id }))}
            onRelease={() => void run(() => request('joinRequest:release', { id: r.id }))}
          />
          <button
            type="button"
            className="button primary"
            disabled={busy || claimedByOther}
            onClick={() => void openDecision('approve')}
          >
            {t('moderation.approve')}
          </button>
          <button
            type="button"
            className="button danger"
            disabled={busy || claimedByOther}
            onClick={() => void openDecision('reject')}
          >
            {t('moderation.reject')}
          </button>
        </div>
      )}

      {mode === 'approve' && (
        <form
          className="form decision"
          noValidate
          onSubmit={approve}
          aria-label={t('moderation.approveFor', { name: r.name })}
        >
          <fieldset>
            <legend>{t('moderation.role')}</legend>
            {APPROVE_ROLES.map((value) => (
              <div className="checkbox" key={value}>
                <input
                  type="radio"
                  id={`${id}-role-${value}`}
                  name={`${id}-role`}
                  value={value}
                  checked={role === value}
                  onChange={() => setRole(value)}
                />
                <label htmlFor={`${id}-role-${value}`}>{t(`roles.${value}`)}</label>
              </div>
            ))}
          </fieldset>
          {role === 'guest' && (
            <div className="field">
              <label htmlFor={`${id}-until`}>{t('moderation.guestUntil')}</label>
              {invalid === 'guestUntil' && (
                <span id={`${id}-until-error`} className="error">
                  {t('validation.required')}
                </span>
              )}
              <input
                id={`${id}-until`}
                type="date"
                min={minGuestDate()}
                value={guestUntil}
                aria-invalid={invalid === 'guestUntil' || undefined}
                aria-describedby={invalid === 'guestUntil' ? `${id}-until-error` : undefined}
                onChange={(e) => setGuestUntil(e.target.value)}
              />
            </div>
          )}
          <ChannelChoice value={channelIds} onChange={setChannelIds} />
          <p className="hint">{t('moderation.approveHint')}</p>
          <FormError error={error} />
          <div className="actions">
            <button type="submit" className="button primary" disabled={busy}>
              {t('moderation.confirmApprove')}
            </button>
            <button type="button" className="button" onClick={() => setMode('view')}>
              {t('common:cancel')}
            </button>
          </div>
        </form>
      )}

      {mode === 'reject' && (
        <form
          className="form decision"
          noValidate
          onSubmit={reject}
          aria-label={t('moderation.rejectFor', { name: r.name })}
        >
          <div className="field">
            <label htmlFor={`${id}-reason`}>{t('moderation.reason')}</label>
            <select
              id={`${id}-reason`}
              value={reason}
              onChange={(e) => setReason(e.target.value as RejectReason)}
            >
              {REJECT_REASONS.map((value) => (
                <option key={value} value={value}>
                  {t(`reasons.${value}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-reason-text`}>
              {t('moderation.reasonText')}
              {reason !== 'other' && <span className="field-marker"> {t('optional')}</span>}
            </label>
            <span className="hint" id={`${id}-reason-hint`}>
              {t('moderation.reasonTextHint')}
            </span>
            {invalid === 'reasonText' && (
              <span id={`${id}-reason-error`} className="error">
                {t('validation.required')}
              </span>
            )}
            <textarea
              id={`${id}-reason-text`}
              rows={2}
              value={reasonText}
              aria-invalid={invalid === 'reasonText' || undefined}
              aria-describedby={[
                invalid === 'reasonText' ? `${id}-reason-error` : '',
                `${id}-reason-hint`,
              ]
                .filter(Boolean)
                .join(' ')}
              onChange={(e) => setReasonText(e.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor={`${id}-message`}>
              {t('moderation.message')} <span className="field-marker">{t('optional')}</span>
            </label>
            <span className="hint" id={`${id}-message-hint`}>
              {t('moderation.messageHint')}
            </span>
            <textarea
              id={`${id}-message`}
              rows={3}
              value={message}
              aria-describedby={`${id}-message-hint`}
              onChange={(e) => setMessage(e.target.value)}
            />
          </div>
          <FormError error={error} />
          <div className="actions">
            <button type="submit" className="button danger" disabled={busy}>
              {t('moderation.confirmReject')}
            </button>
            <button type="button" className="button" onClick={() => setMode('view')}>
              {t('common:cancel')}
            </button>
          </div>
        </form>
      )}
      {mode === 'confirm-reject' && (
        <div
          className="decision confirm"
          role="group"
          aria-labelledby={`${id}-confirm-title`}
          aria-describedby={`${id}-confirm-body`}
        >
          <h4 id={`${id}-confirm-title`} tabIndex={-1}>
            {t('moderation.confirmRejectTitle', { name: r.name })}
          </h4>
          <p id={`${id}-confirm-body`}>{t('moderation.confirmRejectBody', { name: r.name })}</p>
          <p>
            {t('moderation.reason')}: {t(`reasons.${reason}`)}
          </p>
          <FormError error={error} />
          <div className="actions">
            <button type="button" className="button danger" disabled={busy} onClick={confirmReject}>
              {t('moderation.confirmRejectYes')}
            </button>
            <button type="button" className="button" onClick={() => setMode('reject')}>
              {t('moderation.back')}
            </button>
          </div>
        </div>
      )}
      {mode === 'view' && <FormError error={error} />}
    </article>
  );
}
