import type { AppContext } from '../../context.js';
import type { Feature } from '../feature.js';
import { issueFirstAdminLink } from './accounts.service.js';
import { accessRoutes } from './access.routes.js';
import { accessSocketHandlers } from './access.socket.js';
import { scheduleGuestEnd } from '../../auth/guest-access.js';
import { startAccessJobs } from './jobs.js';
import { publishing } from '../../realtime/facts.js';
import './personal-data.sources.js';

const running: Array<{ stop(): void }> = [];
/** The last set-up link per application (tests read it instead of the console). */
export const firstAdminLinks = new WeakMap<AppContext, string>();

export const accessFeature: Feature = {
  name: 'access',
  routes: accessRoutes,
  socketHandlers: accessSocketHandlers,
  // A guest's socket closes at the end of their access, on whichever process holds it.
  onConnection: (socket, app) => scheduleGuestEnd(socket, app),
  async start(app) {
    const link = await issueFirstAdminLink(app);
    if (link) {
      firstAdminLinks.set(app, link);
      // The console, not the structured log: only the person who ran `npm start` should see it.
      if (app.config.env !== 'test')
        console.log(
          `\n  No admin yet. Create the first admin account here (one-time link):\n  ${link}\n`,
        );
      app.log.info('first admin set-up link printed to the console');
    }
    if (app.config.env !== 'test')
      running.push(...startAccessJobs(app, (write) => publishing(app, write)));
  },
  stop() {
    for (const job of running.splice(0)) job.stop();
  },
};
