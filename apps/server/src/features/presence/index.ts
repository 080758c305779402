export { presenceFeature } from './presence.feature.js';
