import { lazy, type ComponentType } from 'react';
import type { RouteObject } from 'react-router';
import type { FeatureModule, NavItem } from '../../app/feature-routes.js';

/** Pages load on first visit, so the join form's code is not in everyone's first download. */
const page = (load: () => Promise<{ Component: ComponentType }>): Pick<RouteObject, 'lazy'> => ({
  lazy: load,
});

export const routes: RouteObject[] = [
  {
    path: '/liity',
    ...page(async () => ({ Component: (await import('./pages/JoinPage.js')).JoinPage })),
  },
  {
    path: '/liity/vahvista',
    ...page(async () => ({ Component: (await import('./pages/VerifyPage.js')).VerifyPage })),
  },
  {
    path: '/liity/tila',
    ...page(async () => ({ Component: (await import('./pages/StatusPage.js')).StatusPage })),
  },
  {
    path: '/tietosuoja',
    ...page(async () => ({ Component: (await import('./pages/PrivacyPage.js')).PrivacyPage })),
  },
  {
    path: '/kirjaudu',
    ...page(async () => ({ Component: (await import('./pages/SignInPage.js')).SignInPage })),
  },
  {
    path: '/salasana/uusi',
    ...page(async () => ({
      Component: (await import('./pages/SetPasswordPage.js')).SetPasswordPage,
    })),
  },
  {
    path: '/salasana/unohtui',
    ...page(async () => ({
      Component: (await import('./pages/ForgotPasswordPage.js')).ForgotPasswordPage,
    })),
  },
  {
    path: '/aloitus',
    ...page(async () => ({ Component: (await import('./pages/SetupPage.js')).SetupPage })),
  },
  {
    path: '/suostumus',
    ...page(async () => ({ Component: (await import('./pages/ReconsentPage.js')).ReconsentPage })),
  },
  {
    path: '/moderointi',
    ...page(async () => ({
      Component: (await import('./pages/ModerationPage.js')).ModerationPage,
    })),
  },
  {
    path: '/profiili',
    ...page(async () => ({ Component: (await import('./pages/ProfilePage.js')).ProfilePage })),
  },
];

export const navItems: NavItem[] = [
  { to: '/liity', labelKey: 'access:nav.join', audience: 'anonymous', order: 80 },
  { to: '/kirjaudu', labelKey: 'access:nav.signIn', audience: 'anonymous', order: 90 },
  { to: '/moderointi', labelKey: 'access:nav.moderation', audience: 'moderator', order: 80 },
];

export const HeaderItem: FeatureModule['HeaderItem'] = lazy(async () => ({
  default: (await import('./components/UserMenu.js')).UserMenu,
}));
