/**
 * What other features use of push: the channel. The notification delivery decides what notifies
 * and whom (kinds, preferences, quiet hours); sendPush only carries one notification to every
 * device of one person, hiding a private message's words unless the person allows them.
 */
export { sendPush, type PushMessage, type PushOutcome } from './push.service.js';
