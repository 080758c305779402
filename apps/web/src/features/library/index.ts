/** What other web features use of the library: its hits on the search page. */
export { LibraryHits } from './components/LibraryHits.js';
