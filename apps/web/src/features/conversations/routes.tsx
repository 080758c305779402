import { lazy } from 'react';
import type { RouteObject } from 'react-router';
import type { FeatureModule, NavItem } from '../../app/feature-routes.js';

/** Pages load lazily; the runtime (facts, outbox, toasts) is small and always mounted. */
export const routes: RouteObject[] = [
  {
    lazy: async () => ({
      Component: (await import('./pages/ConversationsLayout.js')).ConversationsLayout,
    }),
    children: [
      {
        path: '/c',
        lazy: async () => ({
          Component: (await import('./pages/ConversationsIndex.js')).ConversationsIndex,
        }),
      },
      {
        path: '/c/:conversationId',
        lazy: async () => ({
          Component: (await import('./pages/ConversationPage.js')).ConversationPage,
        }),
      },
      {
        path: '/c/:conversationId/m/:messageId',
        lazy: async () => ({
          Component: (await import('./pages/ConversationPage.js')).ConversationPage,
        }),
      },
      {
        path: '/ketjut',
        lazy: async () => ({ Component: (await import('./pages/ThreadsPage.js')).ThreadsPage }),
      },
    ],
  },
];

export const navItems: NavItem[] = [
  { to: '/c', labelKey: 'conversations:nav.conversations', audience: 'guest', order: 10 },
  { to: '/ketjut', labelKey: 'conversations:nav.threads', audience: 'guest', order: 20 },
];

export const HeaderItem: FeatureModule['HeaderItem'] = lazy(async () => ({
  default: (await import('./ConversationsRuntime.js')).ConversationsRuntime,
}));
