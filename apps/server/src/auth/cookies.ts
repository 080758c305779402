import type { AppLucia } from './lucia.js';

/**
 * The Cookie header without the pairs that cannot be percent-decoded. Lucia decodes every
 * pair of the header and throws on the first bad one, so a stray `%` in any cookie for this
 * host (another app's on the same domain, a browser extension's, an attacker's) failed every
 * /api request with a 500 and kept a signed-in person out. Splits as Lucia does.
 */
export function decodableCookies(header: string | undefined): string | undefined {
  if (!header) return header;
  return header
    .split('; ')
    .filter((item) => {
      const [key = '', value = ''] = item.split('=');
      try {
        decodeURIComponent(key);
        decodeURIComponent(value);
        return true;
      } catch {
        return false;
      }
    })
    .join('; ');
}

/** The session id in a Cookie header, reading past pairs that cannot be decoded. */
export const readSessionId = (lucia: AppLucia, header: string | undefined) =>
  lucia.readSessionCookie(decodableCookies(header) ?? '');
