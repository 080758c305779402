import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Plugin } from 'vite';

/** Where the server finds the preloads (apps/server/src/http/first-pages.ts reads it). */
const ROUTE_PRELOADS_FILE = 'route-preloads.json';
/**
 * Each language's string chunks (the first page's, and every feature's: `strings`, `more`): a
 * page served with its content in another language than the default names that language's.
 */
const LOCALE_FILES_FILE = 'locale-files.json';

/**
 * The pages people open from outside the app (the League's site, a mailed link, a push
 * notification) as their first page: the path (":name" matches one segment) and the modules of
 * its page. Kept to these few: a page reached by clicking inside the app has its code on the way
 * before the click matters. `signedIn`: named only for a request with a session (a visitor's
 * request of it ends on the sign-in page, which would not use them).
 */
const CONVERSATION = {
  modules: [
    '/src/features/conversations/pages/ConversationsLayout.tsx',
    '/src/features/conversations/pages/ConversationPage.tsx',
    '/src/lib/session-answer.ts',
  ],
  signedIn: true,
} as const;

const FIRST_PAGES: Record<string, { modules: readonly string[]; signedIn?: true }> = {
  '/liity': { modules: ['/src/features/access/pages/JoinPage.tsx'] },
  '/liity/vahvista': { modules: ['/src/features/access/pages/VerifyPage.tsx'] },
  '/kirjaudu': { modules: ['/src/features/access/pages/SignInPage.tsx'] },
  '/salasana/uusi': { modules: ['/src/features/access/pages/SetPasswordPage.tsx'] },
  // A member's evening starts in a conversation (the home screen's app, a notification's link).
  '/c/:conversationId': CONVERSATION,
  '/c/:conversationId/m/:messageId': CONVERSATION,
};

/**
 * A first page's code is asked for only after the entry script has arrived and run (the router
 * imports it then): one more round trip on a phone before anything of the form shows. This
 * writes, for each of FIRST_PAGES, the files its page needs beyond what index.html already
 * preloads (its chunk, their static imports, their stylesheets, and every feature's strings in the default
 * language, which pages load with their code: src/app/App.tsx), so the server can name them in
 * that page's HTML and they download beside the entry script.
 */
export function routePreload(
  languages: () => Promise<{ defaultLanguage: string; all: readonly string[] }>,
): Plugin {
  return {
    name: 'yhteistyotila-route-preload',
    apply: 'build',
    // At writeBundle, not generateBundle: Vite's CSS plugin removes the chunks that only carried a
    // stylesheet in its own generateBundle, and a list made before named them (a 404 each visit).
    async writeBundle(options, bundle) {
      const chunks = Object.values(bundle).filter((c) => c.type === 'chunk');
      const byFile = new Map(chunks.map((c) => [c.fileName, c]));
      const closure = (start: string[], into = new Set<string>()) => {
        for (const file of start) {
          if (into.has(file)) continue;
          into.add(file);
          closure(byFile.get(file)?.imports ?? [], into);
        }
        return into;
      };
      const facade = (suffix: string) => {
        const chunk = chunks.find((c) => c.facadeModuleId?.endsWith(suffix));
        if (!chunk) throw new Error(`route-preload: no chunk for ${suffix}`);
        return chunk.fileName;
      };
      // Scripts and the stylesheets Vite inserts for them.
      const withCss = (files: Set<string>) => [
        ...files,
        ...[...files].flatMap((f) => [...(byFile.get(f)?.viteMetadata?.importedCss ?? [])]),
      ];
      const inIndexHtml = new Set(
        withCss(closure(chunks.filter((c) => c.isEntry).map((c) => c.fileName))),
      );
      const { defaultLanguage, all } = await languages();
      const strings = facade(`/src/lib/locales/${defaultLanguage}-more.ts`);
      const preloads = Object.fromEntries(
        Object.entries(FIRST_PAGES).map(([pagePath, { modules, signedIn = false }]) => [
          pagePath,
          {
            signedIn,
            files: [...new Set(withCss(closure([...modules.map(facade), strings])))]
              .filter((file) => !inIndexHtml.has(file) && file in bundle)
              .map((file) => `/${file}`),
          },
        ]),
      );
      writeFileSync(
        path.join(options.dir ?? 'dist', ROUTE_PRELOADS_FILE),
        `${JSON.stringify(preloads, null, 2)}\n`,
      );
      const localeFiles = Object.fromEntries(
        all.map((language) => [
          language,
          {
            strings: `/${facade(`/src/lib/locales/${language}.ts`)}`,
            more: `/${facade(`/src/lib/locales/${language}-more.ts`)}`,
          },
        ]),
      );
      writeFileSync(
        path.join(options.dir ?? 'dist', LOCALE_FILES_FILE),
        `${JSON.stringify(localeFiles, null, 2)}\n`,
      );
    },
  };
}
