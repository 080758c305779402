/** Public interface of the library feature (reports read entries through these). */
export { LibraryEntryModel, type LibraryEntryDoc } from './library-entry.model.js';
export { LibraryRevisionModel, type LibraryRevisionDoc } from './library-revision.model.js';
export { readableEntry } from './library.policy.js';
export { removeEntry } from './entries.service.js';
/** For questions (issue 13): an answered question becomes a draft, quoted as "save to library" does. */
export { createDraft } from './entries.service.js';
export { bodyFrom } from './from-chat.service.js';
/** For notifications (issue 14): who hears of an entry's change, and which entries one may read. */
export { followersToTell, readableEntryIds } from './follows.service.js';
