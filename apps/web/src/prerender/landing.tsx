import { DEFAULT_LANGUAGE, LANGUAGES, type Language } from '@yhteistyotila/protocol';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createInstance } from 'i18next';
import { renderToString } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { RouterProvider, createMemoryRouter } from 'react-router';
import { Layout } from '../app/Layout.js';
import { HomePage } from '../features/home/HomePage.js';
import type { LocaleBundle } from '../lib/locale-bundle.js';
import { queryKeys } from '../lib/query-keys.js';
import en from '../lib/locales/en.js';
import fi from '../lib/locales/fi.js';
import sv from '../lib/locales/sv.js';

/*
 * Built for Node by the prerender plugin (../../prerender.ts), never shipped to browsers: the
 * landing page as a visitor's browser first renders it (the same Layout and HomePage, signed
 * out, at "/"), in each language, so its HTML can carry it and a phone shows it before the
 * scripts have arrived (decision 85).
 */

const BUNDLES: Record<Language, LocaleBundle> = { fi, sv, en };

async function renderLanding(language: Language): Promise<string> {
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
  const router = createMemoryRouter([
    { element: <Layout />, children: [{ path: '/', element: <HomePage /> }] },
  ]);
  return renderToString(
    <I18nextProvider i18n={i18n}>
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </I18nextProvider>,
  );
}

/** The landing page's markup inside #root, by language. */
export async function renderLandings(): Promise<Record<Language, string>> {
  const pages = await Promise.all(LANGUAGES.map(async (l) => [l, await renderLanding(l)]));
  return Object.fromEntries(pages) as Record<Language, string>;
}
