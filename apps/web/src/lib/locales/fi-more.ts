import { bundleOf } from '../locale-bundle.js';

/** Every other feature's strings in this language, one chunk: see fi.ts and lib/i18n.ts. */
export default bundleOf(
  import.meta.glob<Record<string, unknown>>(
    ['../../features/*/locales/fi.json', '!../../features/{access,home,shell}/locales/fi.json'],
    { eager: true, import: 'default' },
  ),
  {},
);
