import { httpRoutes, type SessionUser } from '@yhteistyotila/protocol';
import { readAnswer } from './api.js';

/**
 * A session answer that is not "nobody" (a person, or an error), read as every answer is: parsed
 * by the route's schema. Its own chunk, loaded by lib/session.ts only for such an answer.
 */
export const readSession = async (res: Response): Promise<SessionUser | null> =>
  (await readAnswer(res, httpRoutes.session.result))?.user ?? null;
