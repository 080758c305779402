import { useTranslation } from 'react-i18next';
import { Navigate, Outlet, useLocation, useParams } from 'react-router';
import { useSession } from '../../../lib/session.js';
import { Sidebar } from '../components/Sidebar.js';
import '../conversations.css';

/**
 * Sidebar beside the open conversation. On phones they are two screens: the list at /c, the
 * conversation (with a back link) at /c/:id.
 */
export function ConversationsLayout() {
  const { t } = useTranslation('conversations');
  const { user, isLoading } = useSession();
  const { conversationId } = useParams();
  const location = useLocation();
  if (isLoading) return <p className="page">{t('common:loading')}</p>;
  if (!user) return <Navigate to="/kirjaudu" replace state={{ from: location.pathname }} />;
  const pane = conversationId || location.pathname === '/ketjut' ? 'content' : 'list';
  return (
    <div className="chat-layout" data-pane={pane}>
      <Sidebar />
      <div className="chat-main">
        <Outlet />
      </div>
    </div>
  );
}
