import type { RouteObject } from 'react-router';

/** The accessibility statement: linked from every page's footer. */
export const routes: RouteObject[] = [
  {
    path: '/saavutettavuus',
    lazy: async () => ({ Component: (await import('./AccessibilityPage.js')).AccessibilityPage }),
  },
];
