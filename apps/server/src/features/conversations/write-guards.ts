import type { Types } from 'mongoose';

/**
 * Checks another feature adds to every write in a conversation (posting, replying, reacting,
 * editing, pinning): moderation's channel mute. A guard throws to refuse. Registered at import
 * time, like access's hooks, so conversations never imports the features that guard it.
 */
export type WriteGuard = (userId: string, conversationId: Types.ObjectId) => Promise<void>;

export const writeGuards: WriteGuard[] = [];

export const runWriteGuards = async (
  userId: string,
  conversationId: Types.ObjectId,
): Promise<void> => {
  await Promise.all(writeGuards.map((guard) => guard(userId, conversationId)));
};
