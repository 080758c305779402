/** What other features use of notifications: the settings page's address (profile links to it). */
export { NOTIFICATION_PATHS } from './paths.js';
