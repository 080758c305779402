import type { PersonRef, SystemAuthor } from '@yhteistyotila/protocol';
import { useTranslation } from 'react-i18next';
import { PresenceDot } from '../../presence/index.js';

/** A person's name with their presence and, for holders of the expert capability, a badge. */
export function PersonName({
  person,
  system,
  presence = true,
}: {
  person: PersonRef | null;
  /** A message the workspace posted: named as its system author (the League). */
  system?: SystemAuthor | undefined;
  presence?: boolean;
}) {
  const { t } = useTranslation('conversations');
  if (!person && system)
    return <span className="person system-author">{t(`message.systemAuthor.${system}`)}</span>;
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
