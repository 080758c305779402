import { bundleOf } from '../locale-bundle.js';

/** The app's strings in this language, one chunk (see locale-bundle.ts). */
export default bundleOf(
  import.meta.glob<Record<string, unknown>>('../../features/*/locales/en.json', {
    eager: true,
    import: 'default',
  }),
  import.meta.glob<Record<string, unknown>>('../../app/locales/en.json', {
    eager: true,
    import: 'default',
  }),
);
