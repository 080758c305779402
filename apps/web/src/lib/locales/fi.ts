import { bundleOf } from '../locale-bundle.js';

/**
 * The strings the landing page shows in this language (its own, the shell's, the shared ones,
 * and access: the header's join and sign-in links, the forms most visitors open next), one chunk;
 * every other feature's are in fi-more.ts (see lib/i18n.ts). The list is kept in step with
 * fi-more.ts by app/i18n.test.ts.
 */
export default bundleOf(
  import.meta.glob<Record<string, unknown>>('../../features/{access,home,shell}/locales/fi.json', {
    eager: true,
    import: 'default',
  }),
  import.meta.glob<Record<string, unknown>>('../../app/locales/fi.json', {
    eager: true,
    import: 'default',
  }),
);
