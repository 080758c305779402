import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useEffect } from 'react';
import { RouterProvider, createBrowserRouter, type RouteObject } from 'react-router';
import { HomePage } from '../features/home/HomePage.js';
import { NotFoundPage } from '../features/shell/NotFoundPage.js';
import { RouteError } from '../features/shell/RouteError.js';
import { loadAllStrings } from '../lib/i18n.js';
import { featureModules } from './feature-routes.js';
import { Layout } from './Layout.js';

const queryClient = new QueryClient({
  defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: false } },
});

/**
 * A page's code and every feature's strings arrive together (lib/i18n.ts: the landing page has
 * only its own). A failed fetch of the strings still shows the page, with keys for words, as
 * main.tsx does.
 */
function withStrings(route: RouteObject): RouteObject {
  const { lazy, children } = route;
  return {
    ...route,
    ...(typeof lazy === 'function' && {
      lazy: async () => (await Promise.all([lazy(), loadAllStrings().catch(() => undefined)]))[0],
    }),
    ...(children && { children: children.map(withStrings) }),
  } as RouteObject;
}

const router = createBrowserRouter([
  {
    element: <Layout />,
    children: [
      {
        errorElement: <RouteError />,
        children: [
          { path: '/', element: <HomePage /> },
          ...featureModules.flatMap((m) => m.routes ?? []).map(withStrings),
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
]);

/**
 * Resolves once the first page's code (a lazy route) has arrived: a page served with its content
 * is hydrated only then, so React's first render is that page and not an empty outlet.
 */
export function routerReady(): Promise<void> {
  return new Promise((resolve) => {
    if (router.state.initialized) return resolve();
    const stop = router.subscribe((state) => {
      if (!state.initialized) return;
      stop();
      resolve();
    });
  });
}

/** `onStarted`: after the first commit (for a served page, once it is hydrated). */
export function App({ onStarted }: { onStarted?: (() => void) | undefined }) {
  useEffect(() => onStarted?.(), [onStarted]);
  return (
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>
  );
}
