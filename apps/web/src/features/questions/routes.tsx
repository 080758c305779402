import type { RouteObject } from 'react-router';
import type { NavItem } from '../../app/feature-routes.js';

export const routes: RouteObject[] = [
  {
    path: '/kysymykset',
    lazy: async () => ({
      Component: (await import('./pages/QuestionsPage.js')).QuestionsPage,
    }),
  },
  {
    path: '/kysymykset/jono',
    lazy: async () => ({ Component: (await import('./pages/QueuePage.js')).QueuePage }),
  },
  {
    path: '/kysymykset/vieraat',
    lazy: async () => ({
      Component: (await import('./pages/GuestInvitePage.js')).GuestInvitePage,
    }),
  },
  {
    path: '/kysymykset/:id',
    lazy: async () => ({ Component: (await import('./pages/QuestionPage.js')).QuestionPage }),
  },
];

export const navItems: NavItem[] = [
  { to: '/kysymykset', labelKey: 'questions:nav', audience: 'guest', order: 30 },
  { to: '/kysymykset/vieraat', labelKey: 'questions:guests.nav', audience: 'moderator', order: 82 },
];
