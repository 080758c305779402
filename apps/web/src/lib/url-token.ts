/** Reads `#token=...` from the address (tokens never travel in the path or query). */
export function tokenFromHash(hash = typeof location === 'undefined' ? '' : location.hash): string {
  return new URLSearchParams(hash.replace(/^#/, '')).get('token') ?? '';
}

/** Removes the token from the address bar and history once it has been read. */
export function forgetHash(): void {
  if (location.hash) history.replaceState(history.state, '', location.pathname + location.search);
}
