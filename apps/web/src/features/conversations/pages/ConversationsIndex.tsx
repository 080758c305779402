import { useTranslation } from 'react-i18next';
import { Navigate, useNavigation } from 'react-router';
import { PageTitle } from '../../../app/PageTitle.js';
import { useConversationList } from '../store/conversations.js';
import { LAST_CONVERSATION_KEY } from './ConversationPage.js';

const PHONE_QUERY = '(max-width: 720px)';

/** Desktop: open the last (or first) conversation. Phone: this is the list screen. */
export function ConversationsIndex() {
  const { t } = useTranslation('conversations');
  const { data: list } = useConversationList();
  const isPhone = window.matchMedia(PHONE_QUERY).matches;
  // Not while the person is already on the way elsewhere (a link clicked while the list was
  // loading): the redirect would cancel their navigation and keep them here.
  const leaving = useNavigation().state !== 'idle';
  if (list && !isPhone && !leaving) {
    const last = localStorage.getItem(LAST_CONVERSATION_KEY);
    const open = list.filter((c) => !c.archived);
    const target =
      open.find((c) => c.id === last) ?? open.find((c) => c.kind === 'channel') ?? open[0];
    if (target) return <Navigate to={`/c/${target.id}`} replace />;
  }
  return (
    <div className="chat-empty">
      <PageTitle visuallyHidden={isPhone}>{t('title')}</PageTitle>
      {list && list.length === 0 && <p>{t('sidebar.empty')}</p>}
    </div>
  );
}
