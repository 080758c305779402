import { STAFF_REASON_MAX, type PersonDetail } from '@yhteistyotila/protocol';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { request } from '../../../lib/socket.js';
import type { ApplyChange } from '../pages/PersonPage.js';
import { ActionError } from './ActionError.js';
import { useAction } from './useAction.js';

/**
 * Suspend (their sessions and open windows end at once) or lift, always with a reason: the
 * button opens the reason form; the reason goes to the audit log.
 */
export function Suspension({
  person,
  onChanged,
}: {
  person: PersonDetail;
  onChanged: ApplyChange;
}) {
  const { t } = useTranslation('people');
  const id = useId();
  const suspended = person.status === 'suspended';
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  const { busy, error, run } = useAction((next) =>
    onChanged(
      next,
      t(next.status === 'suspended' ? 'done.suspended' : 'done.lifted', { name: next.name }),
    ),
  );
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!reason.trim()) return setMissing(true);
    setMissing(false);
    const status = suspended ? 'active' : 'suspended';
    if (await run(() => request('user:setStatus', { userId: person.id, status, reason }))) {
      setOpen(false);
      setReason('');
    }
  };
  return (
    <section className="person-actions" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('suspensionTitle')}</h2>
      {!open ? (
        <div className="actions">
          <button
            type="button"
            className={suspended ? 'button' : 'button danger'}
            onClick={() => setOpen(true)}
          >
            {suspended ? t('lift') : t('suspend')}
          </button>
        </div>
      ) : (
        <form
          className="form"
          noValidate
          onSubmit={(e) => void submit(e)}
          aria-label={
            suspended ? t('liftFor', { name: person.name }) : t('suspendFor', { name: person.name })
          }
        >
          {!suspended && <p className="hint">{t('suspendHint')}</p>}
          <div className="field">
            <label htmlFor={`${id}-reason`}>{t('reason')}</label>
            {missing && (
              <span id={`${id}-reason-error`} className="error">
                {t('required')}
              </span>
            )}
            <textarea
              id={`${id}-reason`}
              rows={3}
              maxLength={STAFF_REASON_MAX}
              value={reason}
              aria-invalid={missing || undefined}
              aria-describedby={missing ? `${id}-reason-error` : undefined}
              onChange={(e) => setReason(e.target.value)}
            />
          </div>
          <ActionError error={error} />
          <div className="actions">
            <button
              type="submit"
              className={suspended ? 'button primary' : 'button danger'}
              disabled={busy}
            >
              {suspended ? t('confirmLift') : t('confirmSuspend')}
            </button>
            <button type="button" className="button" onClick={() => setOpen(false)}>
              {t('common:cancel')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
