import type { Plugin } from 'vite';

/**
 * The app renders once its language's strings have arrived (src/lib/i18n.ts). Most people read
 * Finnish: index.html names the Finnish chunk for preloading, so it downloads beside the entry
 * script instead of after it. Another language costs that one round trip more.
 */
export function localePreload(): Plugin {
  return {
    name: 'yhteistyotila-locale-preload',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      // The protocol is imported when the page is built, not when this config loads: CI's lint
      // step (knip) loads the config before the protocol package is built.
      async handler(_html, ctx) {
        const { DEFAULT_LANGUAGE } = await import('@yhteistyotila/protocol');
        const chunk = Object.values(ctx.bundle ?? {}).find(
          (c) =>
            c.type === 'chunk' &&
            c.facadeModuleId?.endsWith(`/src/lib/locales/${DEFAULT_LANGUAGE}.ts`),
        );
        if (!chunk) throw new Error(`no chunk for the ${DEFAULT_LANGUAGE} strings`);
        return [
          {
            tag: 'link',
            attrs: { rel: 'modulepreload', crossorigin: true, href: `/${chunk.fileName}` },
            injectTo: 'head',
          },
        ];
      },
    },
  };
}
