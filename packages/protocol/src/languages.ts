/*
 * The languages, without zod: the web's landing page reads these before anyone signs in, and
 * must not download the schemas' library to do it (docs/decisions.md, "The landing page without
 * zod"). `languageSchema` lives in common.ts.
 */
export const LANGUAGES = ['fi', 'sv', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'fi';
