import type { Language } from '@yhteistyotila/protocol';

/** The Intl locale each language formats dates and numbers with (Finland's Swedish for sv). */
export const INTL_LOCALE: Record<Language, string> = { fi: 'fi-FI', sv: 'sv-FI', en: 'en-GB' };
