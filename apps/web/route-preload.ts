import type { Plugin } from 'vite';

/** Where the server finds the preloads (apps/server/src/http/static.ts reads it). */
const ROUTE_PRELOADS_FILE = 'route-preloads.json';

/**
 * The pages people open from outside the app (the League's site, a mailed link) as their first
 * page: the path and the module of its page. Kept to these few: a page reached by clicking
 * inside the app has its code on the way before the click matters.
 */
const FIRST_PAGES: Record<string, string> = {
  '/liity': '/src/features/access/pages/JoinPage.tsx',
  '/liity/vahvista': '/src/features/access/pages/VerifyPage.tsx',
  '/kirjaudu': '/src/features/access/pages/SignInPage.tsx',
  '/salasana/uusi': '/src/features/access/pages/SetPasswordPage.tsx',
};

/**
 * A first page's code is asked for only after the entry script has arrived and run (the router
 * imports it then): one more round trip on a phone before anything of the form shows. This
 * writes, for each of FIRST_PAGES, the files its page needs beyond what index.html already
 * preloads (its chunk, their static imports, their stylesheets, and every feature's strings in the default
 * language, which pages load with their code: src/app/App.tsx), so the server can name them in
 * that page's HTML and they download beside the entry script.
 */
export function routePreload(defaultLanguage: () => Promise<string>): Plugin {
  return {
    name: 'yhteistyotila-route-preload',
    apply: 'build',
    async generateBundle(_options, bundle) {
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
      const strings = facade(`/src/lib/locales/${await defaultLanguage()}-more.ts`);
      const preloads = Object.fromEntries(
        Object.entries(FIRST_PAGES).map(([pagePath, module]) => [
          pagePath,
          [...new Set(withCss(closure([facade(module), strings])))]
            .filter((file) => !inIndexHtml.has(file))
            .map((file) => `/${file}`),
        ]),
      );
      this.emitFile({
        type: 'asset',
        fileName: ROUTE_PRELOADS_FILE,
        source: `${JSON.stringify(preloads, null, 2)}\n`,
      });
    },
  };
}
