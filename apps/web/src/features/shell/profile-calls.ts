import { httpRoutes, type Language } from '@yhteistyotila/protocol';
import { callRoute } from '../../lib/api.js';

/*
 * The language switcher's calls for a signed-in person, in their own chunk: the switcher is on
 * every page, the landing page too, and these pull in the protocol's schemas (lib/session.ts).
 */

export const fetchProfile = () => callRoute(httpRoutes.profile);

export const saveLanguage = (language: Language) =>
  callRoute(httpRoutes.updateProfile, { body: { language } });
