/** What other web features use of push: the profile page's section. */
export { PushSettings } from './PushSettings.js';
