import type { RouteObject } from 'react-router';
import type { NavItem } from '../../app/feature-routes.js';
import { libraryPaths } from './library-paths.js';

/** The browse side's pages (lazy: only the page opened is downloaded). */
export const findRoutes: RouteObject[] = [
  {
    path: libraryPaths.list,
    lazy: async () => ({ Component: (await import('./pages/LibraryPage.js')).LibraryPage }),
  },
  {
    path: `${libraryPaths.list}/:entryId`,
    lazy: async () => ({ Component: (await import('./pages/EntryPage.js')).EntryPage }),
  },
  {
    path: `${libraryPaths.list}/:entryId/tulosta`,
    lazy: async () => ({
      Component: (await import('./pages/EntryPrintPage.js')).EntryPrintPage,
    }),
  },
];

/** "Hyvät käytännöt" in the shell's navigation, for everyone signed in (guest experts too). */
export const findNavItems: NavItem[] = [
  { to: libraryPaths.list, labelKey: 'library:find.nav', audience: 'guest', order: 15 },
];
