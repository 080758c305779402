import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider, createBrowserRouter } from 'react-router';
import { HomePage } from '../features/home/HomePage.js';
import { NotFoundPage } from '../features/shell/NotFoundPage.js';
import { RouteError } from '../features/shell/RouteError.js';
import { featureModules } from './feature-routes.js';
import { Layout } from './Layout.js';

const queryClient = new QueryClient({
  defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: false } },
});

const router = createBrowserRouter([
  {
    element: <Layout />,
    children: [
      {
        errorElement: <RouteError />,
        children: [
          { path: '/', element: <HomePage /> },
          ...featureModules.flatMap((m) => m.routes ?? []),
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
]);

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>
  );
}
