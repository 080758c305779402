/** What other features use of blocks: the button, the fold, the list and the checks. */
export { BlockButton } from './BlockButton.js';
export { BlockedList } from './BlockedList.js';
export { FoldedMessage } from './FoldedMessage.js';
export { isFoldedNow, useIsBlocked } from './blocks-store.js';
