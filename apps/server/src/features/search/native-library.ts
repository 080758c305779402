import koffi, { type LibraryHandle } from 'koffi';

/** The first of these shared libraries that loads (names differ between distributions). */
export function openFirstLibrary(names: readonly string[]): LibraryHandle | null {
  for (const name of names) {
    try {
      return koffi.load(name);
    } catch {
      // try the next name
    }
  }
  return null;
}
