import type { AppContext } from '../../context.js';
import { MINUTE } from '../../lib/time.js';
import { startPeriodicJob } from '../../lib/lease.js';
import { claimOnce } from '../../lib/once.js';
import type { Facts } from '../../realtime/facts.js';
import { QuestionModel, type QuestionDoc } from './question.model.js';
import { adminRooms, expertRooms } from './questions.audience.js';
import { presentEscalation } from './questions.presenter.js';
import { announceQuestion } from './questions.service.js';

/** How often the escalation job looks (the delay it adds to the configured time at most). */
export const ESCALATION_CHECK_MS = 5 * MINUTE;

/** Runs a write and publishes its facts after it (the feature hands in `publishing`). */
export type Publish = (write: (facts: Facts) => Promise<void>) => Promise<void>;

export const escalationKey = (id: QuestionDoc['_id']) => `question:escalated:${String(id)}`;

/**
 * Open questions nobody claimed within `config.questionEscalationMs` are escalated, once each:
 * every expert who may see one hears of it again (`question:updated`, now with `escalatedAt`),
 * and they and the admins get `question:escalated` (what it is about, never its words). Once per
 * question across processes: a unique-index claim per question, besides the job's lease.
 * Returns how many were escalated.
 */
export async function escalateQuestions(
  app: AppContext,
  publish: Publish,
  now = new Date(),
): Promise<number> {
  const due = new Date(now.getTime() - app.config.questionEscalationMs);
  // Equality on status, claimedBy and escalatedAt narrows; the age is compared in process.
  const waiting = await QuestionModel.find({
    status: 'open',
    claimedBy: null,
    escalatedAt: null,
  }).lean<QuestionDoc[]>();
  let escalated = 0;
  for (const doc of waiting.filter((d) => d.createdAt <= due)) {
    if (!(await claimOnce(escalationKey(doc._id), { now }))) continue;
    await QuestionModel.updateOne({ _id: doc._id }, { $set: { escalatedAt: now } });
    const current = { ...doc, escalatedAt: now };
    await publish(async (facts) => {
      await announceQuestion(facts, current);
      const [experts, admins] = await Promise.all([expertRooms(), adminRooms()]);
      facts.add([...experts, ...admins], 'question:escalated', presentEscalation(current));
    });
    escalated += 1;
  }
  return escalated;
}

export const startEscalationJob = (app: AppContext, publish: Publish) =>
  startPeriodicJob(
    {
      name: 'questions-escalation',
      everyMs: ESCALATION_CHECK_MS,
      run: () => escalateQuestions(app, publish).then(() => undefined),
    },
    app.log,
  );
