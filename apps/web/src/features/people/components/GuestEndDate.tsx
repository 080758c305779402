import type { PersonDetail } from '@yhteistyotila/protocol';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { request } from '../../../lib/socket.js';
import type { ApplyChange } from '../pages/PersonPage.js';
import { dayOf, endOfDay } from '../people-labels.js';
import { ActionError } from './ActionError.js';
import { useAction } from './useAction.js';

/** A guest expert's end date: set or extend it, or end their time now (after a confirmation). */
export function GuestEndDate({
  person,
  onChanged,
}: {
  person: PersonDetail;
  onChanged: ApplyChange;
}) {
  const { t } = useTranslation('people');
  const id = useId();
  const [day, setDay] = useState(dayOf(person.guestUntil));
  const [confirming, setConfirming] = useState(false);
  const { busy, error, run } = useAction((next) =>
    onChanged(next, t('done.guestUntil', { name: next.name })),
  );
  const save = (e: FormEvent) => {
    e.preventDefault();
    if (day)
      void run(() =>
        request('user:setGuestUntil', { userId: person.id, guestUntil: endOfDay(day) }),
      );
  };
  return (
    <form className="form person-actions" onSubmit={save} aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('guestTitle')}</h2>
      <div className="field">
        <label htmlFor={`${id}-until`}>{t('facts.guestUntil')}</label>
        <input
          id={`${id}-until`}
          type="date"
          required
          value={day}
          onChange={(e) => setDay(e.target.value)}
        />
      </div>
      <ActionError error={error} />
      <div className="actions">
        <button type="submit" className="button primary" disabled={busy || !day}>
          {t('saveGuestUntil')}
        </button>
        {!confirming ? (
          <button type="button" className="button danger" onClick={() => setConfirming(true)}>
            {t('endGuest')}
          </button>
        ) : (
          <>
            <button
              type="button"
              className="button danger"
              disabled={busy}
              onClick={() =>
                void run(() => request('user:endGuest', { userId: person.id })).then(() =>
                  setConfirming(false),
                )
              }
            >
              {t('endGuestConfirm', { name: person.name })}
            </button>
            <button type="button" className="button" onClick={() => setConfirming(false)}>
              {t('common:cancel')}
            </button>
          </>
        )}
      </div>
    </form>
  );
}
