/**
 * The privacy statement version in force. The access feature replaces this constant with the
 * newest versioned statement file; a member whose consentVersion differs must re-consent.
 */
export const CURRENT_PRIVACY_VERSION = '2026-11-23';
export const mustReconsent = (consentVersion: string | null): boolean => consentVersion !== CURRENT_PRIVACY_VERSION;
