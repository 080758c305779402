import { can, type Conversation, type SessionUser } from '@yhteistyotila/protocol';

/**
 * "Save to library" in a message's menu: only a public channel's words may become a library
 * entry (a DM or a private channel was said to a few people, not to everyone), and only for
 * someone who may write library drafts. The server refuses the rest too.
 */
export const offersSaveToLibrary = (
  conversation: Pick<Conversation, 'kind' | 'visibility'>,
  user: Pick<SessionUser, 'role' | 'expert'>,
): boolean =>
  conversation.kind === 'channel' &&
  conversation.visibility === 'public' &&
  can('library.write', { role: user.role, expert: user.expert });
