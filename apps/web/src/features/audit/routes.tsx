import type { FeatureModule } from '../../app/feature-routes.js';

export const routes: FeatureModule['routes'] = [
  {
    path: '/loki',
    lazy: async () => ({ Component: (await import('./AuditPage.js')).AuditPage }),
  },
];

export const navItems: FeatureModule['navItems'] = [
  { to: '/loki', labelKey: 'audit:nav', audience: 'moderator', order: 85 },
];
