/** What other web features use of conversations: the one safe Markdown renderer. */
export { Markdown } from './components/Markdown.js';
