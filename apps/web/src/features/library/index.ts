/**
 * What other web features use of the library: "save to library" in the message menu; the
 * entry page's writing tools and live presence (for the browse side's entry page); its hits on
 * the search page.
 */
export { SaveToLibraryDialog } from './components/SaveToLibraryDialog.js';
export { LibraryWriteLinks } from './components/LibraryWriteLinks.js';
export { EntryWritingTools } from './components/EntryWritingTools.js';
export { useLiveEntry } from './hooks/useLiveEntry.js';
export { libraryPaths } from './library-paths.js';
export { LibraryHits } from './components/LibraryHits.js';
