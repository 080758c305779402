import type { ApproveRole } from '@yhteistyotila/protocol';
import type { AppContext } from '../../context.js';
import type { AuthUser } from '../../auth/auth.js';

/** What a moderator chose when approving a join request. */
export interface ApprovalChoice {
  /** The deciding moderator: places the person only where they could invite them. */
  decider: AuthUser;
  role: ApproveRole;
  /** Conversations the moderator chose at approval. */
  channelIds: string[];
}

export interface UserApprovedEvent extends ApprovalChoice {
  userId: string;
}

type ApprovalCheck = (choice: ApprovalChoice, app: AppContext) => Promise<void>;

/**
 * Other features check an approval's choices here before anything is written (e.g.
 * conversations: the decider may place people in every chosen channel). A check that throws
 * refuses the whole approval with its error.
 */
export const onApprovalCheck: ApprovalCheck[] = [];

export async function runApprovalChecks(choice: ApprovalChoice, app: AppContext): Promise<void> {
  for (const check of onApprovalCheck) await check(choice, app);
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

/**
 * Account erasure, in two steps: each listener looks at the person's data BEFORE it is erased
 * (afterwards nothing points at them any more) and returns what to do AFTER the erasure has
 * been written, e.g. conversations notes the person's conversations, then tells everyone in
 * them. Failing listeners are logged and never stop the erasure.
 */
export type UserErasingListener = (
  userId: string,
  app: AppContext,
) => Promise<(() => Promise<void>) | undefined>;
export const onUserErasing: UserErasingListener[] = [];

export async function withUserErasedHooks(
  app: AppContext,
  userId: string,
  erase: () => Promise<void>,
): Promise<void> {
  const after: Array<() => Promise<void>> = [];
  for (const listener of onUserErasing) {
    try {
      const then = await listener(userId, app);
      if (then) after.push(then);
    } catch (err) {
      app.log.error({ err, userId }, 'onUserErasing listener failed');
    }
  }
  await erase();
  for (const then of after) {
    try {
      await then();
    } catch (err) {
      app.log.error({ err, userId }, 'onUserErasing follow-up failed');
    }
  }
}
