import type { EntryFormState } from './entry-form-state.js';

/*
 * A writer's unsaved text, kept on this device while they type, so that a closed tab, a reload
 * or a lost connection never loses an edit. It remembers the revision it was based on: saving
 * it later goes through the same conflict check as any save.
 */
export interface UnsavedCopy {
  baseRevision: number;
  form: EntryFormState;
}

const keyOf = (userId: string, entryId: string) => `yt.library.unsaved.${userId}.${entryId}`;

export function readUnsaved(userId: string, entryId: string): UnsavedCopy | null {
  try {
    const raw = localStorage.getItem(keyOf(userId, entryId));
    return raw ? (JSON.parse(raw) as UnsavedCopy) : null;
  } catch {
    return null;
  }
}

export function keepUnsaved(userId: string, entryId: string, copy: UnsavedCopy): void {
  try {
    localStorage.setItem(keyOf(userId, entryId), JSON.stringify(copy));
  } catch {
    // Storage full or refused (private mode): the editor still holds the text.
  }
}

export function forgetUnsaved(userId: string, entryId: string): void {
  try {
    localStorage.removeItem(keyOf(userId, entryId));
  } catch {
    // As above.
  }
}
