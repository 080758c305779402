import { roleAtLeast, type SessionEndReason } from '@yhteistyotila/protocol';
import { useQueryClient } from '@tanstack/react-query';
import { lazy, Suspense, useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, Navigate, Outlet, useLocation, useNavigate } from 'react-router';
import { ConnectionIndicator } from '../features/shell/ConnectionIndicator.js';
import { HeaderMenuButton } from '../features/shell/HeaderMenuButton.js';
import { LanguageSwitcher } from '../features/shell/LanguageSwitcher.js';
import { queryKeys } from '../lib/query-keys.js';
import { useSession } from '../lib/session.js';
import { featureModules, type NavItem } from './feature-routes.js';
import { Logo } from './Logo.js';

// Signed-in code, its own chunk: the landing page does not download it (lib/session.ts).
const WelcomeDialog = lazy(() =>
  import('../features/welcome/WelcomeDialog.js').then((m) => ({ default: m.WelcomeDialog })),
);

/** Pages a person who must re-consent may still open. */
const CONSENT_FREE_PATHS = ['/suostumus', '/tietosuoja', '/saavutettavuus', '/kirjaudu'];

export function Layout() {
  const { t } = useTranslation(['shell', 'common']);
  const { user } = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  // Phones: the header's tools fold behind a menu button (wider screens always show them).
  // Opened for one location: navigating anywhere folds it again.
  const [menuOpenAt, setMenuOpenAt] = useState<string | null>(null);
  const menuOpen = menuOpenAt === location.key;
  const setMenuOpen = useCallback(
    (open: boolean) => setMenuOpenAt(open ? location.key : null),
    [location.key],
  );

  const signedIn = Boolean(user);
  useEffect(() => {
    // Signed-in code: a visitor's pages load no socket (lib/socket.ts).
    if (!signedIn) return;
    const onRevoked = ({ reason }: { reason: SessionEndReason }) => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.session });
      // This tab changed the password and already holds the new session: the socket
      // reconnects with it (lib/socket.ts), and the person stays where they are.
      if (reason === 'rotated') return;
      // The sign-in page says why the person is there (signed out elsewhere, expired...): the
      // socket has recorded the reason (lib/session-ended.ts).
      void navigate('/kirjaudu');
    };
    // A new privacy statement is in force: the session now says "must re-consent", which
    // sends the person to the consent screen below, with the new text.
    const onPrivacyPublished = () => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.session });
      void queryClient.invalidateQueries({ queryKey: queryKeys.privacyAll });
    };
    let stop = false;
    let off = () => {};
    void import('../lib/socket.js').then(({ getSocket }) => {
      if (stop) return;
      const socket = getSocket();
      socket.on('session:revoked', onRevoked);
      socket.on('privacy:published', onPrivacyPublished);
      off = () => {
        socket.off('session:revoked', onRevoked);
        socket.off('privacy:published', onPrivacyPublished);
      };
    });
    return () => {
      stop = true;
      off();
    };
  }, [signedIn, navigate, queryClient]);

  const visible = (item: NavItem) =>
    item.audience === 'anonymous'
      ? user === null
      : Boolean(user && roleAtLeast(user.role, item.audience));
  const navItems = featureModules
    .flatMap((m) => m.navItems ?? [])
    .filter(visible)
    .sort((a, b) => a.order - b.order);

  if (user?.mustReconsent && !CONSENT_FREE_PATHS.includes(location.pathname)) {
    // The consent page brings the person back here once they accepted.
    return <Navigate to="/suostumus" replace state={{ from: location.pathname }} />;
  }

  return (
    <div className="app">
      <a className="skip-link" href="#main">
        {t('skipToContent')}
      </a>
      <header className="app-header" data-menu={!user ? 'none' : menuOpen ? 'open' : 'closed'}>
        <Link to="/" className="brand">
          <Logo />
          <span>{t('common:appName')}</span>
        </Link>
        {navItems.length > 0 && (
          <nav aria-label={t('mainNavigation')} className="main-nav">
            <ul>
              {navItems.map((item) => (
                <li key={item.to}>
                  <NavLink to={item.to}>{t(item.labelKey)}</NavLink>
                </li>
              ))}
            </ul>
          </nav>
        )}
        {user && <ConnectionIndicator />}
        {user && (
          <Suspense fallback={null}>
            {featureModules.map((m, i) => (m.HeaderBadge ? <m.HeaderBadge key={i} /> : null))}
          </Suspense>
        )}
        {/* Before what it opens, so keyboard order follows the disclosure. Signed out there is
            only the language to choose: it stays in sight, with no button. */}
        {user && (
          <HeaderMenuButton controls="header-tools" open={menuOpen} onToggle={setMenuOpen} />
        )}
        <div className="header-tools" id="header-tools">
          {user && (
            <Suspense fallback={null}>
              {featureModules.map((m, i) => (m.HeaderItem ? <m.HeaderItem key={i} /> : null))}
            </Suspense>
          )}
          <LanguageSwitcher />
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        <Outlet />
      </main>
      {user && !user.mustReconsent && (
        <Suspense fallback={null}>
          <WelcomeDialog />
        </Suspense>
      )}
      <footer className="app-footer">
        <Link to="/tietosuoja">{t('footer.privacy')}</Link>
        <Link to="/saavutettavuus">{t('footer.accessibility')}</Link>
        <span>{t('footer.operator')}</span>
      </footer>
    </div>
  );
}
