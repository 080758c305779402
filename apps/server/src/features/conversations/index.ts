/** Public interface of the conversations feature (search reads messages through these). */
export { visibleConversationIds, conversationIdsOf } from './conversations.service.js';
export { MessageModel, ThreadFollowModel, type MessageDoc } from './message.model.js';
/** Stored with every message (tests and the bench that store messages directly). */
export { pageKeys } from './message-keys.js';
export {
  ConversationModel,
  MembershipModel,
  type ConversationDoc,
  type MembershipDoc,
} from './conversation.model.js';
export { loadPeople, presentMessages, type People } from './conversations.presenter.js';
export { accessMessage } from './conversations.policy.js';
export { canSeePerson } from './people.service.js';
export { removeByModerator } from './removal.js';
export { writeGuards, type WriteGuard } from './write-guards.js';
/** For the library: an entry's discussion thread is started with an ordinary message. */
export { sendMessage, sendSystemMessage } from './messages.service.js';
export { addMember } from './membership.service.js';
export { conversationSummary } from './conversation-summary.js';
