/**
 * Every URL of the library's pages, spelled once: the browse side (lib-web-find) and the
 * writing side link to each other through these. Finnish, as the app's other paths are.
 */
const base = '/kirjasto';

export const libraryPaths = {
  /** The list with facets and search (browse side). */
  list: base,
  /** An entry's permalink (browse side). */
  entry: (entryId: string) => `${base}/${entryId}`,
  /** A new draft. */
  newEntry: `${base}/uusi`,
  /** Edit a draft or a published entry (a published one saves as a revision). */
  edit: (entryId: string) => `${base}/${entryId}/muokkaa`,
  /** The revision list, with restore. */
  revisions: (entryId: string) => `${base}/${entryId}/versiot`,
  /** The word diff between two revisions (`from` older, `to` newer; either order is accepted). */
  diff: (entryId: string, from: number, to: number) => `${base}/${entryId}/versiot/${from}/${to}`,
  /** Experts: entries whose review is due, or never reviewed. */
  reviewDue: `${base}/tarkastettavat`,
  /** Credit requests: a person quoted in a saved chat message agrees or declines. */
  credits: `${base}/maininnat`,
} as const;

/** Route patterns (react-router) of the writing side's pages. */
export const libraryEditPatterns = {
  newEntry: libraryPaths.newEntry,
  edit: `${base}/:entryId/muokkaa`,
  revisions: `${base}/:entryId/versiot`,
  diff: `${base}/:entryId/versiot/:from/:to`,
  reviewDue: libraryPaths.reviewDue,
  credits: libraryPaths.credits,
} as const;
