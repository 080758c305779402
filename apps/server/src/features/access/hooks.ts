import type { Role } from '@yhteistyotila/protocol';
import type { AppContext } from '../../context.js';

export interface UserApprovedEvent {
  userId: string;
  role: Role;
  /** Conversations the moderator chose at approval. */
  channelIds: string[];
}

/**
 * Other features push a listener here (e.g. conversations adds the new person to the chosen
 * channels). Listeners run after the account exists; a failing listener is logged and does not
 * undo the approval.
 */
export const onUserApproved: Array<(event: UserApprovedEvent, app: AppContext) => Promise<void>> =
  [];

export async function runUserApprovedHooks(
  event: UserApprovedEvent,
  app: AppContext,
): Promise<void> {
  for (const listener of onUserApproved) {
    try {
      await listener(event, app);
    } catch (err) {
      app.log.error({ err, userId: event.userId }, 'onUserApproved listener failed');
    }
  }
}
