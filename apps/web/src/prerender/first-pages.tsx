import { DEFAULT_LANGUAGE, LANGUAGES, type Language } from '@yhteistyotila/protocol';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createInstance } from 'i18next';
import type { ReactNode } from 'react';
import { renderToString } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { RouterProvider, createMemoryRouter } from 'react-router';
import { Layout } from '../app/Layout.js';
import { JoinPage } from '../features/access/pages/JoinPage.js';
import { HomePage } from '../features/home/HomePage.js';
import type { LocaleBundle } from '../lib/locale-bundle.js';
import { queryKeys } from '../lib/query-keys.js';
import en from '../lib/locales/en.js';
import fi from '../lib/locales/fi.js';
import sv from '../lib/locales/sv.js';

/*
 * Built for Node by the prerender plugin (../../prerender.ts), never shipped to browsers: the
 * pages a visitor opens first from outside (the landing page, the join form) as their browser
 * first renders them (the same Layout and page, signed out), in each language, so their HTML
 * can carry them and a phone shows them before the scripts have arrived (decisions 85, 87).
 */

const BUNDLES: Record<Language, LocaleBundle> = { fi, sv, en };
/** Each page's strings are in the first bundle (locales/<lang>.ts): access, home, shell. */
const PAGES: Record<string, ReactNode> = { '/': <HomePage />, '/liity': <JoinPage /> };

async function renderPage(path: string, language: Language): Promise<string> {
  const i18n = createInstance();
  await i18n.init({
    resources: { [language]: BUNDLES[language], [DEFAULT_LANGUAGE]: BUNDLES[DEFAULT_LANGUAGE] },
    lng: language,
    fallbackLng: DEFAULT_LANGUAGE,
    defaultNS: 'common',
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  const queryClient = new QueryClient();
  // Nobody is signed in: what the session's 204 says in the browser (lib/session.ts).
  queryClient.setQueryData(queryKeys.session, null);
  const router = createMemoryRouter(
    [{ element: <Layout />, children: [{ path, element: PAGES[path] }] }],
    { initialEntries: [path] },
  );
  return renderToString(
    <I18nextProvider i18n={i18n}>
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </I18nextProvider>,
  );
}

/** Each first page's markup inside #root, by path and language. */
export async function renderFirstPages(): Promise<Record<string, Record<Language, string>>> {
  const pages = await Promise.all(
    Object.keys(PAGES).map(async (path) => {
      const byLanguage = await Promise.all(
        LANGUAGES.map(async (l) => [l, await renderPage(path, l)] as const),
      );
      return [path, Object.fromEntries(byLanguage) as Record<Language, string>] as const;
    }),
  );
  return Object.fromEntries(pages);
}
