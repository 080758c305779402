import { lazy } from 'react';
import type { RouteObject } from 'react-router';
import type { FeatureModule, NavItem } from '../../app/feature-routes.js';
import { editRoutes } from './edit-routes.js';
import { findNavItems, findRoutes } from './find-routes.js';

/** The library's pages: the browse side's (find-routes.tsx) and the writing side's (edit-routes.tsx). */
export const routes: RouteObject[] = [...findRoutes, ...editRoutes];

export const navItems: NavItem[] = [...findNavItems];

// Signed-in code, loaded only once someone is signed in: credit requests as toasts.
export const HeaderItem: FeatureModule['HeaderItem'] = lazy(async () => ({
  default: (await import('./LibraryEditRuntime.js')).LibraryEditRuntime,
}));
