import type { PersonDetail } from '@yhteistyotila/protocol';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { request } from '../../../lib/socket.js';
import type { ApplyChange } from '../pages/PersonPage.js';
import { ActionError } from './ActionError.js';
import { useAction } from './useAction.js';

/** Give or take the expert capability: it sits beside the role and keeps the role's rights. */
export function ExpertCapability({
  person,
  onChanged,
}: {
  person: PersonDetail;
  onChanged: ApplyChange;
}) {
  const { t } = useTranslation('people');
  const id = useId();
  const { busy, error, run } = useAction((next) =>
    onChanged(next, t(next.expert ? 'done.expertGiven' : 'done.expertTaken', { name: next.name })),
  );
  return (
    <section className="person-actions" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('expertTitle')}</h2>
      <p className="hint">{t('expertHint')}</p>
      <ActionError error={error} />
      <div className="actions">
        <button
          type="button"
          className="button"
          disabled={busy}
          onClick={() =>
            void run(() => request('user:setExpert', { userId: person.id, expert: !person.expert }))
          }
        >
          {person.expert ? t('takeExpert') : t('giveExpert')}
        </button>
      </div>
    </section>
  );
}
