import { ROLES, can, grantActionFor, type PersonDetail, type Role } from '@yhteistyotila/protocol';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { request } from '../../../lib/socket.js';
import type { ApplyChange } from '../pages/PersonPage.js';
import { dayOf, endOfDay } from '../people-labels.js';
import { ActionError } from './ActionError.js';
import { useAction } from './useAction.js';

type Me = { role: Role; expert: boolean };

/** Tomorrow at the earliest: a guest account that ends today is of no use. */
const minGuestDay = () => dayOf(new Date(Date.now() + 86_400_000).toISOString());

/**
 * The person's role: only roles the actor may give are offered, and only when they may also
 * take the current one away (a moderator cannot touch a moderator or an admin).
 */
export function RoleChoice({
  person,
  me,
  onChanged,
}: {
  person: PersonDetail;
  me: Me;
  onChanged: ApplyChange;
}) {
  const { t } = useTranslation('people');
  const id = useId();
  const [role, setRole] = useState<Role>(person.role);
  const [until, setUntil] = useState('');
  const [missingDate, setMissingDate] = useState(false);
  const { busy, error, run } = useAction((next) =>
    onChanged(next, t('done.role', { name: next.name, role: t(`roles.${next.role}`) })),
  );
  if (!can(grantActionFor(person.role), me)) return null;
  const choices = ROLES.filter((r) => can(grantActionFor(r), me));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (role === 'guest' && !until) return setMissingDate(true);
    setMissingDate(false);
    void run(() =>
      request('user:setRole', {
        userId: person.id,
        role,
        ...(role === 'guest' ? { guestUntil: endOfDay(until) } : {}),
      }),
    );
  };

  return (
    <form className="form person-actions" onSubmit={submit} noValidate>
      <h2 id={`${id}-h`}>{t('roleTitle')}</h2>
      <div className="field">
        <label htmlFor={`${id}-role`}>{t('facts.role')}</label>
        <select id={`${id}-role`} value={role} onChange={(e) => setRole(e.target.value as Role)}>
          {choices.map((r) => (
            <option key={r} value={r}>
              {t(`roles.${r}`)}
            </option>
          ))}
        </select>
      </div>
      {role === 'guest' && person.role !== 'guest' && (
        <div className="field">
          <label htmlFor={`${id}-until`}>{t('facts.guestUntil')}</label>
          {missingDate && (
            <span id={`${id}-until-error`} className="error">
              {t('required')}
            </span>
          )}
          <input
            id={`${id}-until`}
            type="date"
            min={minGuestDay()}
            value={until}
            aria-invalid={missingDate || undefined}
            aria-describedby={missingDate ? `${id}-until-error` : undefined}
            onChange={(e) => setUntil(e.target.value)}
          />
        </div>
      )}
      <ActionError error={error} />
      <div className="actions">
        <button type="submit" className="button primary" disabled={busy || role === person.role}>
          {t('saveRole')}
        </button>
      </div>
    </form>
  );
}
