import type { Feature } from '../feature.js';
import './questions.personal-data.js';
import { publishing } from '../../realtime/facts.js';
import { startEscalationJob } from './escalation.js';
import { questionHandlers } from './questions.socket.js';

const running: { stop(): void }[] = [];

/** Questions to the experts: asking, the claimable queue, escalation, answers to the library. */
export const questionsFeature: Feature = {
  name: 'questions',
  socketHandlers: (app) => questionHandlers(app),
  start(app) {
    if (app.config.env !== 'test')
      running.push(startEscalationJob(app, (write) => publishing(app, write)));
  },
  stop() {
    for (const job of running.splice(0)) job.stop();
  },
};
