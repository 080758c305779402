import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { keptAfterSignOut } from '../../../lib/query-keys.js';
import { useSession } from '../../../lib/session.js';
import { accessApi, sessionChanged } from '../access-api.js';
import '../access.css';
import { signingOut } from '../../../lib/session-ended.js';

/** Header: the signed-in person's name (to the profile) and signing out. */
export function UserMenu() {
  const { t } = useTranslation('access');
  const { user } = useSession();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  if (!user) return null;
  const signOut = async () => {
    signingOut();
    try {
      // This browser stops getting the person's pushes (a shared computer). Loaded only now: the
      // header is on every page. At most a few seconds: signing out must not wait for a network.
      await Promise.race([
        import('../../push/index.js').then((push) => push.turnOffHere()).catch(() => undefined),
        new Promise((resolve) => setTimeout(resolve, 3000)),
      ]);
      await accessApi.signOut();
    } finally {
      // Even if the server could not be reached, this tab forgets the person.
      sessionChanged(queryClient, null);
      queryClient.removeQueries({
        predicate: (q) => !keptAfterSignOut(q.queryKey),
      });
      void navigate('/kirjaudu');
    }
  };
  return (
    <div className="user-menu">
      <Link to="/profiili" className="user-name">
        <span className="visually-hidden">{t('profile.title')}: </span>
        {user.name}
      </Link>
      <button type="button" className="header-button" onClick={() => void signOut()}>
        {t('signOut')}
      </button>
    </div>
  );
}
