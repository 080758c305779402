import type { UserSummary } from '@yhteistyotila/protocol';
import { useTranslation } from 'react-i18next';

/** Role, the expert capability and a suspension, as short badges beside a name. */
export function PersonBadges({ person }: { person: UserSummary }) {
  const { t } = useTranslation('people');
  return (
    <span className="person-badges">
      <span className="people-badge">{t(`roles.${person.role}`)}</span>
      {person.expert && person.role !== 'guest' && (
        <span className="people-badge expert">{t('expertBadge')}</span>
      )}
      {person.status === 'suspended' && (
        <span className="people-badge suspended">{t('status.suspended')}</span>
      )}
    </span>
  );
}
