import type { PersonRef } from '@yhteistyotila/protocol';
import { useTranslation } from 'react-i18next';
import { PresenceDot } from '../../presence/index.js';

/** A person's name with their presence and, for holders of the expert capability, a badge. */
export function PersonName({
  person,
  presence = true,
}: {
  person: PersonRef | null;
  presence?: boolean;
}) {
  const { t } = useTranslation('conversations');
  if (!person) return <span className="person deleted-user">{t('message.deletedUser')}</span>;
  return (
    <span className="person">
      {presence && <PresenceDot userId={person.id} />}
      <span className="person-name">{person.name}</span>
      {person.expert && (
        <span className="badge expert-badge">
          {t(person.role === 'guest' ? 'badge.guestExpert' : 'badge.expert')}
        </span>
      )}
    </span>
  );
}
