/**
 * The brand mark (public/favicon.svg), drawn inline: on a phone the brand's name is visually
 * hidden, so the mark is the header's only content, and inline it paints with the page's first
 * frame rather than after a request of its own. index.html's shell draws the same markup.
 */
export function Logo() {
  return (
    <svg viewBox="0 0 32 32" width="28" height="28" aria-hidden="true" focusable="false">
      <rect width="32" height="32" rx="7" fill="#1d4e89" />
      <path d="M8 11h16v9H14l-4 4v-4H8z" fill="#fff" />
    </svg>
  );
}
