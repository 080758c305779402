import { isMinorEdit, type LibraryContent } from '@yhteistyotila/protocol';

/**
 * Whether a revision is minor (keeps the review stamp): the minor-edit rule of
 * packages/protocol/src/library-minor-edit.ts (decisions: "The library's minor-edit rule"),
 * judged against the revision it was based on.
 */
export function isMinorRevision(before: LibraryContent, after: LibraryContent): boolean {
  return isMinorEdit(before, after);
}
