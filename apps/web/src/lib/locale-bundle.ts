/** One language's strings: namespace (feature folder, or "common") → its strings. */
export type LocaleBundle = Record<string, Record<string, unknown>>;

/**
 * Every feature keeps its strings in features/<feature>/locales/<lang>.json (namespace = the
 * feature folder); shared strings live in app/locales (namespace "common"). Each language's
 * files are collected at build time into one chunk (locales/<lang>.ts), so a new feature needs
 * no registration and a phone downloads only its own language.
 */
export function bundleOf(
  featureFiles: Record<string, Record<string, unknown>>,
  commonFiles: Record<string, Record<string, unknown>>,
): LocaleBundle {
  const bundle: LocaleBundle = {};
  for (const [file, strings] of Object.entries(featureFiles)) {
    const feature = /features\/([^/]+)\/locales\//.exec(file)?.[1];
    if (feature) bundle[feature] = strings;
  }
  const common = Object.values(commonFiles)[0];
  if (common) bundle.common = common;
  return bundle;
}
