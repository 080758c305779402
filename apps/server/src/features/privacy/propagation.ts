import type { AppContext } from '../../context.js';

/**
 * Every process answers "reload the privacy versions" from the others (the Socket.IO adapter's
 * serverSideEmit, over Redis). Without an adapter there is one process and nothing to hear.
 */
export function listenForPublications(app: AppContext): void {
  app.io.on('privacy:reload', (ack) => {
    app.privacy
      .reload()
      .catch((err: unknown) => app.log.error({ err }, 'privacy versions reload failed'))
      .finally(() => ack(app.privacy.current));
  });
}

/**
 * After a publication: this process reloads, then every other one, and the call returns once
 * they all answered (or the adapter's request timeout, 5 s, ran out: a process that missed it still reloads when a consent
 * names a version it does not know, auth/privacy.ts). Only then are sockets suspended, so no
 * process can let a socket back into its rooms on the old version.
 */
export async function reloadEverywhere(app: AppContext): Promise<void> {
  await app.privacy.reload();
  if (!app.redis) return;
  try {
    const answers = await app.io.serverSideEmitWithAck('privacy:reload');
    const behind = answers.filter((current) => current !== app.privacy.current);
    if (behind.length) app.log.warn({ behind }, 'a process did not take the new privacy version');
  } catch (err) {
    app.log.warn({ err }, 'not every process confirmed the new privacy version');
  }
}
