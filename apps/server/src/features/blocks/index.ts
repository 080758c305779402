/** Public interface of blocks: conversations and search ask here who blocked whom. */
export { blockedIdsOf, blockersAmong, requireNoBlock } from './blocks.service.js';
