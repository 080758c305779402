import type { AppContext } from '../../context.js';
import { createRateLimit } from '../../lib/rate-limit.js';
import { defineHandler, type SocketHandler } from '../../realtime/define-handler.js';
import { claimQuestion, questionQueue, releaseQuestion } from './queue.service.js';
import {
  acceptAnswer,
  askQuestion,
  endorseReply,
  myQuestions,
  questionWithReplies,
  reopenQuestion,
  replyToQuestion,
} from './questions.service.js';
import { inviteGuestExpert } from './guest-invite.service.js';
import { questionStats } from './stats.service.js';
import { questionToLibrary, setLibraryConsent } from './to-library.service.js';

/** Questions a person may ask in an hour: plenty for real use, too few to flood the experts. */
export const QUESTIONS_PER_HOUR = 20;

export function questionHandlers(app: AppContext): SocketHandler[] {
  const asking = createRateLimit(
    { name: 'question-ask', points: QUESTIONS_PER_HOUR, durationSeconds: 3600 },
    app.redis,
  );
  const writes = createRateLimit(
    { name: 'question-writes', points: 120, durationSeconds: 60 },
    app.redis,
  );
  return [
    defineHandler(
      'question:ask',
      async (p, { user, facts }) => ({ question: await askQuestion(app, facts, user, p) }),
      { rateLimit: asking },
    ),
    defineHandler('question:mine', async (_p, { user }) => ({
      questions: await myQuestions(user),
    })),
    defineHandler('question:get', async (p, { user }) => questionWithReplies(user, p.id)),
    defineHandler(
      'question:reply',
      async (p, { user, facts }) => replyToQuestion(app, facts, user, p),
      { rateLimit: writes },
    ),
    defineHandler(
      'question:accept',
      async (p, { user, facts }) => ({ question: await acceptAnswer(facts, user, p) }),
      { rateLimit: writes },
    ),
    defineHandler(
      'question:reopen',
      async (p, { user, facts }) => ({ question: await reopenQuestion(facts, user, p.id) }),
      { rateLimit: writes },
    ),
    defineHandler(
      'question:endorse',
      async (p, { user, facts }) => ({ question: await endorseReply(facts, user, p) }),
      { rateLimit: writes },
    ),
    defineHandler('question:queue', async (_p, { user }) => ({
      questions: await questionQueue(user),
    })),
    defineHandler(
      'question:claim',
      async (p, { user, facts }) => ({ question: await claimQuestion(facts, user, p.id) }),
      { rateLimit: writes },
    ),
    defineHandler(
      'question:release',
      async (p, { user, facts }) => ({ question: await releaseQuestion(facts, user, p.id) }),
      { rateLimit: writes },
    ),
    defineHandler('question:stats', async (_p, { user }) => ({ rows: await questionStats(user) })),
    defineHandler(
      'question:libraryConsent',
      async (p, { user, facts }) => ({ question: await setLibraryConsent(facts, user, p) }),
      { rateLimit: writes },
    ),
    defineHandler(
      'guest:invite',
      async (p, { user, facts }) => inviteGuestExpert(app, facts, user, p),
      { rateLimit: asking },
    ),
    defineHandler(
      'question:toLibrary',
      async (p, { user, facts }) => questionToLibrary(app, facts, user, p.id),
      { rateLimit: writes },
    ),
  ];
}
