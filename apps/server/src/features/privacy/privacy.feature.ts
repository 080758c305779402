import { DEFAULT_LANGUAGE, httpRoutes as routes, type Language } from '@yhteistyotila/protocol';
import { Router } from 'express';
import { mountRoute as on } from '../../http/mount-route.js';
import { requireUser } from '../../http/validate.js';
import { latestConsentOf } from '../access/index.js';
import type { Feature } from '../feature.js';
import { listenForPublications } from './propagation.js';
import { publishPrivacyVersion } from './publish.service.js';

/**
 * Privacy-statement versions: the list, what the signed-in person accepted (its very text),
 * and publishing a new version. The statement in force itself is GET /privacy (access).
 */
export const privacyFeature: Feature = {
  name: 'privacy',
  routes: (app) => {
    const router = Router();
    on(app, router, routes.privacyVersions, async () => ({ versions: app.privacy.list() }));
    on(app, router, routes.myPrivacyConsent, async ({ req, query }) => {
      const user = requireUser(req);
      const consent = await latestConsentOf(user.id);
      if (!consent || !app.privacy.has(consent.version)) return { accepted: null };
      const lang: Language = query().lang ?? user.language ?? DEFAULT_LANGUAGE;
      return {
        accepted: {
          version: consent.version,
          at: consent.at.toISOString(),
          language: consent.language as Language,
          statement: app.privacy.statement(app.config, lang, consent.version),
        },
      };
    });
    on(app, router, routes.publishPrivacyVersion, async ({ req, body, facts }) =>
      publishPrivacyVersion(app, facts, requireUser(req), body),
    );
    return router;
  },
  start: (app) => listenForPublications(app),
};
