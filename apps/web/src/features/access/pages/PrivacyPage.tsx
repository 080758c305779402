import { useTranslation } from 'react-i18next';
import { PageTitle } from '../../../app/PageTitle.js';
import { PrivacyStatement } from '../components/PrivacyStatement.js';

export function PrivacyPage() {
  const { t } = useTranslation('access');
  return (
    <section className="page narrow">
      <PageTitle>{t('privacy.title')}</PageTitle>
      <PrivacyStatement />
    </section>
  );
}
