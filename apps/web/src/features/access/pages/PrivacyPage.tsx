import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { PageTitle } from '../../../app/PageTitle.js';
import {
  MyAcceptedVersion,
  PrivacyVersionList,
} from '../../privacy/components/PrivacyVersionsInfo.js';
import { PrivacyStatement } from '../components/PrivacyStatement.js';

/** The statement in force, or an earlier one (?versio=), what I accepted, and every version. */
export function PrivacyPage() {
  const { t } = useTranslation('access');
  const [params] = useSearchParams();
  const version = params.get('versio') ?? undefined;
  return (
    <section className="page narrow">
      <PageTitle>{t('privacy.title')}</PageTitle>
      <PrivacyStatement version={version} />
      <MyAcceptedVersion />
      <PrivacyVersionList shown={version} />
    </section>
  );
}
