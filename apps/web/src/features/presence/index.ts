export { PresenceDot } from './PresenceDot.js';
export { ExpertsOnlinePanel } from './ExpertsOnlinePanel.js';
export { usePresence, watchPresence } from './store.js';
