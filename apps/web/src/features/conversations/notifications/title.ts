/**
 * Keeps "(N) " in front of the tab title while there are unread messages. Pages set their own
 * titles (PageTitle), so the prefix is re-applied whenever the title changes.
 */
const PREFIX = /^\(\d+\+?\) /;
let count = '';
let observer: MutationObserver | undefined;

function apply() {
  const base = document.title.replace(PREFIX, '');
  const next = count ? `(${count}) ${base}` : base;
  if (document.title !== next) document.title = next;
}

export function setTitleCount(value: string) {
  count = value;
  if (!observer && typeof MutationObserver !== 'undefined') {
    observer = new MutationObserver(apply);
    const title = document.querySelector('title');
    if (title) observer.observe(title, { childList: true, characterData: true, subtree: true });
  }
  apply();
}
