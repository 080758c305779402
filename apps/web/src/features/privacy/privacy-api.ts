import {
  httpRoutes as routes,
  type Language,
  type PublishPrivacyVersionBody,
} from '@yhteistyotila/protocol';
import { callRoute } from '../../lib/api.js';

/** Privacy-statement versions: the list, what I accepted, publishing (admins). */
export const privacyApi = {
  versions: () => callRoute(routes.privacyVersions),
  myConsent: (lang: Language) => callRoute(routes.myPrivacyConsent, { query: { lang } }),
  publish: (body: PublishPrivacyVersionBody) => callRoute(routes.publishPrivacyVersion, { body }),
};
