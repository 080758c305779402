import type { ComponentType } from 'react';
import type { RouteObject } from 'react-router';
import type { Role } from '@yhteistyotila/protocol';

/**
 * What a web feature contributes, exported from features/<feature>/routes.tsx and collected
 * at build time: routes (lazy-loaded pages), navigation links and header widgets.
 */
export interface NavItem {
  to: string;
  /** i18n key, "namespace:key". */
  labelKey: string;
  /** Who sees it: signed-in people with at least this role, or "anonymous" for signed-out. */
  audience: Role | 'anonymous';
  order: number;
}

export interface FeatureModule {
  routes?: RouteObject[];
  navItems?: NavItem[];
  /**
   * Rendered in the header's right side for a signed-in person only. Declare it with
   * `lazy(...)`: it is signed-in code, and the public pages must not download it.
   */
  HeaderItem?: ComponentType;
  /**
   * Like HeaderItem, but always in sight: beside the menu button on a phone, where the other
   * header tools fold away (the notification bell). Declare it with `lazy(...)` too.
   */
  HeaderBadge?: ComponentType;
}

const modules = import.meta.glob<FeatureModule>('../features/*/routes.tsx', { eager: true });

export const featureModules: FeatureModule[] = Object.keys(modules)
  .sort()
  .map((k) => modules[k] as FeatureModule);
