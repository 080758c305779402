import type { LibraryContent } from '@yhteistyotila/protocol';

/**
 * Whether a revision is minor (keeps the review stamp). The rule itself is the review side's
 * (packages/protocol/src/library-minor-edit.ts); until it lands every revision counts as
 * substantial, which errs on the side of showing "changed since review".
 */
export function isMinorRevision(_before: LibraryContent, _after: LibraryContent): boolean {
  return false;
}
