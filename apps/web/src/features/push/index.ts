/** What other web features use of push: the profile page's section; signing out ends push here. */
export { PushSettings } from './PushSettings.js';
export { turnOffHere } from './this-device.js';
