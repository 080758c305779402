import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { PageTitle } from '../../../app/PageTitle.js';
import { PersonModerationActions } from '../PersonModerationActions.js';

/** A small staff page for one person's ladder, until the people page mounts the component. */
export function PersonModerationPage() {
  const { t } = useTranslation('moderation');
  const { userId = '' } = useParams();
  return (
    <div className="page moderation-page">
      <PageTitle>{t('actions.pageTitle')}</PageTitle>
      <PersonModerationActions userId={userId} />
    </div>
  );
}
