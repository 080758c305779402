import { bundleOf } from '../locale-bundle.js';

/** Every other feature's strings in this language, one chunk: see sv.ts and lib/i18n.ts. */
export default bundleOf(
  import.meta.glob<Record<string, unknown>>(
    ['../../features/*/locales/sv.json', '!../../features/{access,home,shell}/locales/sv.json'],
    { eager: true, import: 'default' },
  ),
  {},
);
