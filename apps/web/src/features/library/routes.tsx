import type { RouteObject } from 'react-router';
import type { NavItem } from '../../app/feature-routes.js';
import { findNavItems, findRoutes } from './find-routes.js';

/** The library's pages: the browse side's (find-routes.tsx) and the writing side's. */
export const routes: RouteObject[] = [...findRoutes];

export const navItems: NavItem[] = [...findNavItems];
