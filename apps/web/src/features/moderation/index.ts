/** What other web features use of moderation: the staff actions and the composer's notice. */
export { PersonModerationActions } from './PersonModerationActions.js';
export { MutedNotice } from './MutedNotice.js';
