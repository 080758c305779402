import { lazy, type ComponentType } from 'react';
import type { RouteObject } from 'react-router';
import type { FeatureModule } from '../../app/feature-routes.js';

const page = (load: () => Promise<{ Component: ComponentType }>): Pick<RouteObject, 'lazy'> => ({
  lazy: load,
});

export const routes: RouteObject[] = [
  {
    path: '/moderaattoreilta',
    ...page(async () => ({
      Component: (await import('./pages/MyModerationPage.js')).MyModerationPage,
    })),
  },
];

/** Keeps my notes and mutes current from facts; links to them once there are any. */
export const HeaderItem: FeatureModule['HeaderItem'] = lazy(async () => ({
  default: (await import('./ModerationRuntime.js')).ModerationRuntime,
}));
