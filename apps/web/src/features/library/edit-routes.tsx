import type { RouteObject } from 'react-router';
import { libraryEditPatterns as p } from './library-paths.js';

/** The writing side's pages (lazy: only the page opened is downloaded). */
export const editRoutes: RouteObject[] = [
  {
    path: p.newEntry,
    lazy: async () => ({
      Component: (await import('./pages/EntryEditorPage.js')).EntryEditorPage,
    }),
  },
  {
    path: p.edit,
    lazy: async () => ({
      Component: (await import('./pages/EntryEditorPage.js')).EntryEditorPage,
    }),
  },
  {
    path: p.revisions,
    lazy: async () => ({ Component: (await import('./pages/RevisionsPage.js')).RevisionsPage }),
  },
  {
    path: p.diff,
    lazy: async () => ({ Component: (await import('./pages/DiffPage.js')).DiffPage }),
  },
  {
    path: p.reviewDue,
    lazy: async () => ({ Component: (await import('./pages/ReviewDuePage.js')).ReviewDuePage }),
  },
  {
    path: p.credits,
    lazy: async () => ({ Component: (await import('./pages/CreditsPage.js')).CreditsPage }),
  },
];
