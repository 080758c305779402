import { bundleOf } from '../locale-bundle.js';

/** Every other feature's strings in this language, one chunk: see en.ts and lib/i18n.ts. */
export default bundleOf(
  import.meta.glob<Record<string, unknown>>(
    ['../../features/*/locales/en.json', '!../../features/{access,home,shell}/locales/en.json'],
    { eager: true, import: 'default' },
  ),
  {},
);
